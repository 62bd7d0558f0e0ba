// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import ProcessSupport
import YAMLKit

// Helm's handling of rendered templates as Kubernetes manifests (pkg/release/v1/util: manifest.go,
// manifest_sorter.go, kind_sorter.go): split each file into YAML documents, read the head of every document,
// separate hooks from ordinary manifests, and sort both by kind in install order.

/// What Helm reads of a manifest: its `SimpleHead` (`apiVersion`, `kind`, `metadata.name`,
/// `metadata.annotations`), decoded as sigs.k8s.io/yaml decodes into that struct.
public struct ManifestHead: Sendable, Equatable {
    /// The object's `metadata`, when the document has one (Helm's `*struct{Name; Annotations}`).
    public struct Metadata: Sendable, Equatable {
        /// `metadata.name`.
        public var name = ""
        /// `metadata.annotations`; nil when absent or `null` (Helm checks "any annotation at all").
        public var annotations: [String: String]?
    }

    /// `apiVersion`.
    public var apiVersion = ""
    /// `kind` (decides the install order).
    public var kind = ""
    /// `metadata`; nil when absent or `null`.
    public var metadata: Metadata?

    /// Creates an empty head (an empty or comment-only document has one).
    public init(apiVersion: String = "", kind: String = "", metadata: Metadata? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
    }
}

/// One ordinary (non-hook) document of a rendered file: Helm's `releaseutil.Manifest`.
public struct Manifest: Sendable, Equatable {
    /// The template it came from, `chart/templates/deployment.yaml` (printed after `# Source: `).
    public var name: String
    /// The document, trimmed of surrounding white space.
    public var content: String
    /// Its head.
    public var head: ManifestHead
}

/// Helm's hook events (`helm.sh/hook` annotation values).
public enum HookEvent: String, Sendable, CaseIterable {
    case preInstall = "pre-install"
    case postInstall = "post-install"
    case preDelete = "pre-delete"
    case postDelete = "post-delete"
    case preUpgrade = "pre-upgrade"
    case postUpgrade = "post-upgrade"
    case preRollback = "pre-rollback"
    case postRollback = "post-rollback"
    case test = "test"

    /// Parses one event name as Helm's `events` table does (`test-success` is Helm 2's name for `test`).
    init?(annotationValue: String) {
        if annotationValue == "test-success" {
            self = .test
            return
        }
        self.init(rawValue: annotationValue)
    }
}

/// A document annotated with `helm.sh/hook`: Helm's `release.Hook` (the fields `helm template` uses).
public struct Hook: Sendable, Equatable {
    /// `metadata.name`.
    public var name: String
    /// `kind`.
    public var kind: String
    /// The template it came from.
    public var path: String
    /// The document, trimmed.
    public var manifest: String
    /// The events of `helm.sh/hook`, in annotation order.
    public var events: [HookEvent]
    /// `helm.sh/hook-weight` as Go's `strconv.Atoi` reads it (0 when absent or invalid).
    public var weight: Int
    /// `helm.sh/hook-delete-policy`, lower-cased and trimmed.
    public var deletePolicies: [String]
    /// `helm.sh/hook-output-log-policy`, lower-cased and trimmed.
    public var outputLogPolicies: [String]

    /// Whether the hook runs under `helm test` (`--skip-tests` drops these from `helm template`).
    public var isTest: Bool { events.contains(.test) }
}

/// Helm's manifest utilities.
public enum Manifests {
    /// `helm.sh/hook`.
    public static let hookAnnotation = "helm.sh/hook"
    /// `helm.sh/hook-weight`.
    public static let hookWeightAnnotation = "helm.sh/hook-weight"
    /// `helm.sh/hook-delete-policy`.
    public static let hookDeleteAnnotation = "helm.sh/hook-delete-policy"
    /// `helm.sh/hook-output-log-policy`.
    public static let hookOutputLogAnnotation = "helm.sh/hook-output-log-policy"

    /// Helm's `InstallOrder`: kinds earlier in the list are installed (and printed) first; unknown kinds come
    /// last, alphabetically.
    public static let installOrder: [String] = [
        "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
        "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass",
        "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList",
        "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList",
        "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
        "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService",
        "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
    ]

    /// Helm's `UninstallOrder`: webhooks first (so that they cannot block the removal of anything else), then
    /// roughly the install order backwards; unknown kinds last, alphabetically.
    public static let uninstallOrder: [String] = [
        "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService", "Ingress", "IngressClass",
        "Service", "CronJob", "Job", "StatefulSet", "HorizontalPodAutoscaler", "Deployment", "ReplicaSet",
        "ReplicationController", "Pod", "DaemonSet", "RoleBindingList", "RoleBinding", "RoleList", "Role",
        "ClusterRoleBindingList", "ClusterRoleBinding", "ClusterRoleList", "ClusterRole", "CustomResourceDefinition",
        "PersistentVolumeClaim", "PersistentVolume", "StorageClass", "ConfigMap", "SecretList", "Secret",
        "ServiceAccount", "PodDisruptionBudget", "PodSecurityPolicy", "LimitRange", "ResourceQuota", "NetworkPolicy",
        "Namespace", "PriorityClass",
    ]

    /// Helm's `KindSortOrder`: which of the two orders a sort follows.
    public enum KindOrder: Sendable {
        /// ``Manifests/installOrder``.
        case install
        /// ``Manifests/uninstallOrder``.
        case uninstall

        fileprivate var rank: [String: Int] {
            switch self {
            case .install: return Manifests.installRank
            case .uninstall: return Manifests.uninstallRank
            }
        }
    }

    private static func ranks(_ order: [String]) -> [String: Int] {
        var m: [String: Int] = [:]
        for (i, k) in order.enumerated() { m[k] = i }
        return m
    }

    fileprivate static let installRank = ranks(installOrder)
    fileprivate static let uninstallRank = ranks(uninstallOrder)

    // MARK: - SplitManifests

    /// Helm's `SplitManifests`: the text, trimmed, is split with the regular expression
    /// `(?:^|\s*\n)---\s*` and every non-empty piece is trimmed; pieces keep their order.
    ///
    /// Quirks reproduced: a separator need not stand alone on its line (`---apiVersion: v1` after a newline
    /// splits too, and `--- # c` leaves `# c` in the next document), and the white space the separator eats
    /// after `---` includes blank lines, so a following `---` at the very start of the remaining text is *not*
    /// a separator (it stays in the document).
    public static func split(_ bigFile: String) -> [String] {
        let s = Array(bigFile.goTrimSpace().utf8)
        if s.isEmpty { return [] }
        var pieces: [ArraySlice<UInt8>] = []
        var beg = 0
        var end = 0
        var pos = 0
        while let m = nextSeparator(s, from: pos) {
            end = m.lowerBound
            if m.upperBound != 0 { pieces.append(s[beg..<end]) }
            beg = m.upperBound
            pos = m.upperBound
        }
        if end != s.count { pieces.append(s[beg...]) }
        var out: [String] = []
        for p in pieces where !p.isEmpty {
            out.append(String(decoding: p, as: UTF8.self).goTrimSpace())
        }
        return out
    }

    /// RE2's `\s`: `[\t\n\f\r ]` (not `\v`).
    private static func isRE2Space(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D
    }

    /// The leftmost match of `(?:^|\s*\n)---\s*` at or after `pos` (Go's leftmost-first semantics).
    private static func nextSeparator(_ s: [UInt8], from pos: Int) -> Range<Int>? {
        let dash = UInt8(ascii: "-")
        func dashes(at i: Int) -> Bool { i + 3 <= s.count && s[i] == dash && s[i + 1] == dash && s[i + 2] == dash }
        func eatSpace(_ i: Int) -> Int {
            var j = i
            while j < s.count, isRE2Space(s[j]) { j += 1 }
            return j
        }
        // `^` matches only at the start of the text (no multi-line flag); it is the preferred alternative.
        if pos == 0, dashes(at: 0) { return 0..<eatSpace(3) }
        // The first "\n---" at or after pos; the match starts where the run of white space before it starts.
        var q = pos
        while q < s.count {
            if s[q] == 0x0A, dashes(at: q + 1) {
                var start = q
                while start > pos, isRE2Space(s[start - 1]) { start -= 1 }
                return start..<eatSpace(q + 4)
            }
            q += 1
        }
        return nil
    }

    // MARK: - The head of a document

    /// Reads a document's head as Helm does (`yaml.Unmarshal(doc, &SimpleHead{})` with sigs.k8s.io/yaml), or
    /// fails with the error text Helm wraps in `YAML parse error on FILE: `.
    ///
    /// sigs.k8s.io/yaml converts YAML numbers and booleans to strings where the struct wants a string (so
    /// `kind: 5` reads as `"5"` and `helm.sh/hook-weight: 5` works), then encoding/json decodes: keys match
    /// field names case-insensitively, keys are visited in sorted order (json.Marshal sorts map keys), and the
    /// first type mismatch is the error.
    public static func parseHead(_ document: String) throws(ManifestError) -> ManifestHead {
        let value: Value
        do {
            // encoding/json matches field names case-insensitively: keep every spelling of the three.
            value = try YAML.load(document) { key in
                key.utf8.count <= 10 && ["apiversion", "kind", "metadata"].contains(key.lowercased())
            }
        } catch {
            throw ManifestError(error.unmarshalDescription)
        }
        var decoder = HeadDecoder()
        let head = decoder.decodeHead(value)
        if let e = decoder.firstError {
            throw ManifestError("error unmarshaling JSON: while decoding JSON: " + e)
        }
        return head
    }

    // MARK: - SortManifests

    /// Helm's `SortManifests` with `InstallOrder`: files in byte order of their names (partials and blank
    /// files skipped), each split into documents; a document with a `helm.sh/hook` annotation becomes a hook
    /// (dropped entirely when one of its events is unknown), every other one an ordinary manifest. Both lists
    /// are then stably sorted by kind.
    ///
    /// - Throws: `YAML parse error on FILE: …` for the first document whose head cannot be read.
    public static func sort(files: [String: String]) throws(ManifestError) -> SortedManifests {
        var skipped: [String] = []
        var hooks: [Hook] = []
        var generic: [Manifest] = []
        let paths = files.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var documents: [(path: String, doc: String)] = []
        for path in paths {
            guard let content = files[path] else { continue }
            if GoPath.base(path).hasPrefix("_") { continue }
            if content.goTrimSpace().isEmpty { continue }
            for doc in split(content) { documents.append((path, doc)) }
        }
        // Reading a head means parsing the whole document as YAML, most of the work here: the documents are
        // read on every core, then taken in order as Helm does.
        let docs = documents.map(\.doc)
        let heads = Parallel.map(docs.count) { i -> Result<ManifestHead, ManifestError> in
            do throws(ManifestError) {
                return .success(try parseHead(docs[i]))
            } catch {
                return .failure(error)
            }
        }
        for ((path, doc), parsed) in zip(documents, heads) {
            let head: ManifestHead
            switch parsed {
            case .success(let h): head = h
            case .failure(let error):
                var e = ManifestError("YAML parse error on \(path): \(error.message)")
                e.skippedHookTypes = skipped
                throw e
            }
            guard let annotations = head.metadata?.annotations, !annotations.isEmpty,
                let hookTypes = annotations[hookAnnotation]
            else {
                generic.append(Manifest(name: path, content: doc, head: head))
                continue
            }
            var events: [HookEvent] = []
            var unknown = false
            for t in hookTypes.split(separator: ",", omittingEmptySubsequences: false) {
                guard let e = HookEvent(annotationValue: String(t).goTrimSpace().lowercased()) else {
                    unknown = true
                    break
                }
                events.append(e)
            }
            // Helm logs "skipping unknown hooks" and keeps the document out of both lists.
            if unknown {
                skipped.append(hookTypes)
                continue
            }
            func policies(_ key: String) -> [String] {
                guard let v = annotations[key] else { return [] }
                return v.split(separator: ",", omittingEmptySubsequences: false).map { String($0).goTrimSpace().lowercased() }
            }
            hooks.append(
                Hook(
                    name: head.metadata?.name ?? "", kind: head.kind, path: path, manifest: doc,
                    events: events, weight: goAtoi(annotations[hookWeightAnnotation] ?? "") ?? 0,
                    deletePolicies: policies(hookDeleteAnnotation),
                    outputLogPolicies: policies(hookOutputLogAnnotation)))
        }
        return SortedManifests(
            hooks: sortByKind(hooks, kind: \.kind), manifests: sortByKind(generic, kind: \.head.kind),
            skippedHookTypes: skipped)
    }

    /// Helm's `lessByKind` under `sort.SliceStable`: known kinds by their rank in `order`, unknown kinds after
    /// them in byte order, equal ranks (and equal unknown kinds) in their original order.
    public static func sortByKind<T>(_ items: [T], order: KindOrder = .install, kind: (T) -> String) -> [T] {
        let installRank = order.rank
        let keyed = items.enumerated().map { (index: $0.offset, kind: kind($0.element), item: $0.element) }
        let sorted = keyed.sorted { a, b in
            let ra = installRank[a.kind]
            let rb = installRank[b.kind]
            switch (ra, rb) {
            case (let x?, let y?):
                if x != y { return x < y }
            case (nil, nil):
                if a.kind != b.kind { return a.kind.utf8.lexicographicallyPrecedes(b.kind.utf8) }
            case (nil, _?):
                return false
            case (_?, nil):
                return true
            }
            return a.index < b.index
        }
        return sorted.map(\.item)
    }
}

/// The result of `Manifests.sort`.
public struct SortedManifests: Sendable {
    /// Hooks, stably sorted by kind.
    public var hooks: [Hook]
    /// Ordinary manifests, stably sorted by kind.
    public var manifests: [Manifest]
    /// The `helm.sh/hook` values of documents dropped for an unknown event (Helm logs each at INFO).
    public var skippedHookTypes: [String]
}

/// A manifest that Helm cannot read, with Helm's text.
public struct ManifestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Helm's error text.
    public var message: String
    /// Hooks skipped (and logged by Helm) before the failing document.
    public var skippedHookTypes: [String] = []
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// encoding/json decoding of a sigs.k8s.io/yaml-converted document into Helm's `SimpleHead`.
private struct HeadDecoder {
    var firstError: String?

    private mutating func fail(_ v: Value, field: String?, type: String) {
        guard firstError == nil else { return }
        if let field {
            firstError = "json: cannot unmarshal \(jsonKind(v)) into Go struct field \(field) of type \(type)"
        } else {
            firstError = "json: cannot unmarshal \(jsonKind(v)) into Go value of type \(type)"
        }
    }

    private func jsonKind(_ v: Value) -> String {
        switch v {
        case .slice: return "array"
        case .map: return "object"
        case .string: return "string"
        case .bool: return "bool"
        default: return "number"
        }
    }

    /// Map entries in the order json.Marshal writes them (keys sorted bytewise), paired with the field each
    /// key fills (case-insensitive match, exact match preferred, as encoding/json does).
    private func fields(_ m: [String: Value], names: [String]) -> [(field: String, value: Value)] {
        var out: [(String, Value)] = []
        for key in m.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let field = names.first { $0 == key } ?? names.first { asciiEqualFold($0, key) }
            if let field, let v = m[key] { out.append((field, v)) }
        }
        return out
    }

    private func asciiEqualFold(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a.lowercased() == b.lowercased()
    }

    /// sigs.k8s.io/yaml's coercion of a scalar into a string field, then encoding/json's decoding into it.
    /// Nil keeps the field's current value (JSON null, or a type error).
    private mutating func string(_ v: Value, field: String) -> String? {
        switch v {
        case .null: return nil
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .int(let i, _): return String(i)
        case .float(let f):
            // go-yaml's int typing is lost in YAMLKit's JSON-typed values; an integral value is printed as
            // the int it almost always was (Go: strconv.FormatInt), anything else as FormatFloat(f, 'g', -1, 32).
            if f.rounded() == f, abs(f) < 9.2e18 { return String(Int(f)) }
            return GoStrconv.formatFloat(f, "g", -1, 32)
        default:
            fail(v, field: field, type: "string")
            return nil
        }
    }

    mutating func decodeHead(_ v: Value) -> ManifestHead {
        var head = ManifestHead()
        switch v {
        case .null: return head
        case .map(let m, _):
            for (name, value) in fields(m.dictionary, names: ["apiVersion", "kind", "metadata"]) {
                switch name {
                case "apiVersion":
                    if let s = string(value, field: "SimpleHead.apiVersion") { head.apiVersion = s }
                case "kind":
                    if let s = string(value, field: "SimpleHead.kind") { head.kind = s }
                default:
                    decodeMetadata(value, into: &head)
                }
            }
        default:
            fail(v, field: nil, type: "util.SimpleHead")
        }
        return head
    }

    private mutating func decodeMetadata(_ v: Value, into head: inout ManifestHead) {
        switch v {
        case .null:
            head.metadata = nil
        case .map(let m, _):
            var md = head.metadata ?? ManifestHead.Metadata()
            for (name, value) in fields(m.dictionary, names: ["name", "annotations"]) {
                if name == "name" {
                    if let s = string(value, field: ".metadata.name") { md.name = s }
                    continue
                }
                switch value {
                case .null:
                    md.annotations = nil
                case .map(let a, _):
                    var out = md.annotations ?? [:]
                    for k in a.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                        guard let av = a[k] else { continue }
                        // A JSON null element stores the zero value.
                        if case .null = av {
                            out[k] = ""
                        } else if let s = string(av, field: ".metadata.annotations") {
                            out[k] = s
                        }
                    }
                    md.annotations = out
                default:
                    fail(value, field: ".metadata.annotations", type: "map[string]string")
                }
            }
            head.metadata = md
        default:
            fail(
                v, field: "SimpleHead.metadata",
                type: """
                    struct { Name string "json:\\"name\\""; Annotations map[string]string "json:\\"annotations\\"" }
                    """)
        }
    }
}

/// Go's `strconv.Atoi` for the hook weight: optional sign, decimal digits, 64-bit range; nil on error.
package func goAtoi(_ s: String) -> Int? {
    var body = Substring(s)
    var negative = false
    if let c = body.first, c == "+" || c == "-" {
        negative = c == "-"
        body = body.dropFirst()
    }
    guard !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    guard let magnitude = UInt64(body) else { return nil }
    if negative {
        return magnitude <= UInt64(Int.max) + 1 ? Int(truncatingIfNeeded: 0 &- magnitude) : nil
    }
    return magnitude <= UInt64(Int.max) ? Int(magnitude) : nil
}
