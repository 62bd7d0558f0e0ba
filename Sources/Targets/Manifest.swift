// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import YAMLKit

/// One Kubernetes object of a manifest: its identity, its file name, and its text.
public struct ManifestObject: Sendable, Hashable {
    /// `kind` (`Deployment`).
    public var kind: String
    /// `metadata.name`.
    public var name: String
    /// `metadata.namespace`, empty when unset.
    public var namespace: String
    /// The file the directory target keeps it in: `<kind>-<name>.yaml`, lower-cased.
    public var fileName: String
    /// The document's text, without the `---` line, ending in one newline.
    public var text: String

    /// Creates an object.
    public init(kind: String, name: String, namespace: String = "", fileName: String, text: String) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.fileName = fileName
        self.text = text
    }
}

/// Splitting a rendered manifest into objects, without the template engine.
public enum Manifest {
    /// Splits `manifest` at `---` lines (a line that is `---`, alone or followed by a space and a comment)
    /// into documents, drops documents that hold only blank lines and comments, and reads each one's kind and
    /// name with YAMLKit. Objects come back in manifest order.
    /// - Throws: ``TargetError/Code/invalidManifest`` naming the document (its `# Source:` line when Helm wrote
    ///   one) when it is not YAML, not a mapping, or lacks `kind` or `metadata.name`;
    ///   ``TargetError/Code/duplicateObject`` when two documents map to one file.
    public static func objects(_ manifest: String) throws(TargetError) -> [ManifestObject] {
        var out: [ManifestObject] = []
        var seen: [String: String] = [:]
        for (index, document) in documents(manifest).enumerated() {
            let source = sourceLine(document).map { " (\($0))" } ?? ""
            let place = "manifest document \(index + 1)\(source)"
            let value: Value
            do throws(YAMLError) {
                value = try YAML.load(document)
            } catch {
                throw TargetError(.invalidManifest, "\(place) is not valid YAML: \(error.description)")
            }
            guard case .map(let object, _) = value else {
                throw TargetError(.invalidManifest, "\(place) is not a Kubernetes object (not a YAML mapping)")
            }
            guard let kind = object["kind"]?.stringValue, !kind.isEmpty else {
                throw TargetError(.invalidManifest, "\(place) has no kind")
            }
            guard case .map(let metadata, _)? = object["metadata"], let name = metadata["name"]?.stringValue,
                !name.isEmpty
            else {
                throw TargetError(.invalidManifest, "\(place) (\(kind)) has no metadata.name")
            }
            let file = fileName(kind: kind, name: name)
            if let first = seen[file] {
                throw TargetError(.duplicateObject, "\(place): \(kind) \(name) is already in the manifest as \(first)")
            }
            seen[file] = "\(kind) \(name)"
            out.append(
                ManifestObject(
                    kind: kind, name: name,
                    namespace: (metadata["namespace"]?.stringValue) ?? "",
                    fileName: file, text: document))
        }
        return out
    }

    /// The documents of `manifest` that hold more than blank lines and comments, each trimmed of leading and
    /// trailing blank lines and ending in one newline.
    public static func documents(_ manifest: String) -> [String] {
        var documents: [String] = []
        var current: [Substring] = []
        func flush() {
            while let first = current.first, first.allSatisfy(\.isWhitespace) { current.removeFirst() }
            while let last = current.last, last.allSatisfy(\.isWhitespace) { current.removeLast() }
            let meaningful = current.contains { line in
                let t = line.drop { $0 == " " || $0 == "\t" }
                return !t.isEmpty && !t.hasPrefix("#")
            }
            if meaningful { documents.append(current.joined(separator: "\n") + "\n") }
            current = []
        }
        for line in manifest.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            if isSeparator(trimmed) {
                flush()
            } else {
                current.append(trimmed)
            }
        }
        flush()
        return documents
    }

    /// `---`, `---   `, `--- # comment`: apimachinery's YAML reader splits there.
    static func isSeparator(_ line: Substring) -> Bool {
        guard line.hasPrefix("---") else { return false }
        let rest = line.dropFirst(3)
        return rest.allSatisfy { $0 == " " || $0 == "\t" } || rest.first == " " || rest.first == "\t"
    }

    /// The `# Source: chart/templates/x.yaml` comment Helm puts at the top of each document.
    static func sourceLine(_ document: String) -> String? {
        for line in document.split(separator: "\n") {
            let t = line.drop { $0 == " " }
            if t.hasPrefix("# Source: ") { return String(t.dropFirst(2)) }
            if !t.hasPrefix("#") { break }
        }
        return nil
    }

    /// `<kind>-<name>.yaml`, lower-cased; characters other than letters, digits, `-`, `.` and `_` become `_`
    /// (a name such as `system:metrics` stays one file name, never a path).
    public static func fileName(kind: String, name: String) -> String {
        let raw = "\(kind)-\(name)".lowercased()
        var out = ""
        for scalar in raw.unicodeScalars {
            let c = Character(scalar)
            let allowed = (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "-" || c == "." || c == "_"
            out.append(allowed ? c : "_")
        }
        return out + ".yaml"
    }
}
