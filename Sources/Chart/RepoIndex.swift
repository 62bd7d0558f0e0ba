// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Crypto
import Foundation
import GoRuntime
import Semver
import YAMLKit

/// A chart repository's `index.yaml` in Helm's format (`pkg/repo/v1` `IndexFile`): `apiVersion: v1`,
/// `entries` by chart name, each a list of versions newest first (the chart's metadata fields plus `urls`,
/// `created`, `digest` — the sha256 of the `.tgz`), and `generated`. Entries read from an existing file keep
/// every field they had.
public struct RepoIndex: Sendable {
    /// One chart version: its fields as they appear in index.yaml.
    public struct Entry: Sendable {
        public var fields: [String: Value]

        public init(fields: [String: Value]) { self.fields = fields }

        public var name: String { Self.string(fields["name"]) }
        public var version: String { Self.string(fields["version"]) }
        public var digest: String { Self.string(fields["digest"]) }
        public var urls: [String] {
            if case .slice(let xs, _)? = fields["urls"] { return xs.map { Self.string($0) } }
            return []
        }

        static func string(_ v: Value?) -> String {
            if case .string(let s)? = v { return s }
            return ""
        }
    }

    public var apiVersion = "v1"
    public var generated = ""
    /// Entries by chart name, each newest first once ``sortEntries()`` ran.
    public var entries: [String: [Entry]] = [:]
    /// Top-level fields other than apiVersion, generated, entries (`publicKeys`, `annotations` …), kept.
    public var extra: [String: Value] = [:]

    public static let fileName = "index.yaml"

    public init() {}

    /// Reads `directory/index.yaml`; an empty index when there is none.
    public static func load(directory: String) throws(ChartError) -> RepoIndex {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: path) else { return RepoIndex() }
        do {
            return try parse(String(decoding: data, as: UTF8.self))
        } catch {
            throw ChartError("error loading \(path): \(error.message)")
        }
    }

    /// Parses index.yaml text (Helm's `loadIndex`: empty is an error, apiVersion is required).
    public static func parse(_ text: String) throws(ChartError) -> RepoIndex {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ChartError("empty index.yaml file") }
        let doc: Value
        do {
            doc = try YAMLBridge.load(text)
        } catch {
            throw ChartError(error.message)
        }
        guard case .map(let top, _) = doc else { throw ChartError("index.yaml is not a mapping") }
        var index = RepoIndex()
        for key in top.keys {
            let v = top[key] ?? .null
            switch key {
            case "apiVersion": index.apiVersion = Entry.string(v)
            case "generated": index.generated = Entry.string(v)
            case "entries":
                guard case .map(let es, _) = v else { continue }
                for name in es.keys {
                    guard case .slice(let items, _)? = es[name] else { continue }
                    index.entries[name] = items.compactMap { item -> Entry? in
                        guard case .map(let m, _) = item else { return nil }
                        var fields: [String: Value] = [:]
                        for k in m.keys { fields[k] = m[k] }
                        return Entry(fields: fields)
                    }
                }
            default: index.extra[key] = v
            }
        }
        if index.apiVersion.isEmpty { throw ChartError("no API version specified") }
        return index
    }

    /// Adds (or replaces, by name and version) the entry for an archive: `MustAdd` with the file's name as URL.
    public mutating func add(_ metadata: ChartMetadata, fileName: String, digest: String, created: Date) {
        var fields: [String: Value] = [:]
        if case .map(let m, _) = ChartPackage.metadataValue(metadata) {
            for k in m.keys { fields[k] = m[k] }
        }
        fields["urls"] = .strings([fileName])
        fields["created"] = .string(Self.goTime(created))
        fields["digest"] = .string(digest)
        var list = entries[metadata.name] ?? []
        list.removeAll { $0.version == metadata.version }
        list.append(Entry(fields: fields))
        entries[metadata.name] = list
    }

    /// `SortEntries`: each chart's versions newest first (unparsable versions last).
    public mutating func sortEntries() {
        for (name, list) in entries {
            // A stable sort, as Go's sort.Sort over a reversed Less is for these short lists in practice.
            let indexed = list.enumerated().map { ($0.offset, $0.element) }
            entries[name] = indexed.sorted { a, b in
                if Semver.lessThan(b.1.version, a.1.version) { return true }
                if Semver.lessThan(a.1.version, b.1.version) { return false }
                return a.0 < b.0
            }.map { $0.1 }
        }
    }

    /// The index as sigs.k8s.io/yaml writes `IndexFile` (keys sorted).
    public func yaml() throws(ChartError) -> String {
        var top = extra
        top["apiVersion"] = .string(apiVersion)
        top["generated"] = .string(generated)
        top["entries"] = .dict(entries.mapValues { .list($0.map { .dict($0.fields) }) })
        do {
            return try GoYAML.marshal(.dict(top))
        } catch {
            throw ChartError("cannot marshal index.yaml: \(error.message)")
        }
    }

    /// Writes `directory/index.yaml`.
    public func write(directory: String) throws(ChartError) {
        let path = (directory as NSString).appendingPathComponent(Self.fileName)
        let text = try yaml()
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ChartError("open \(path): \(error.localizedDescription)")
        }
    }

    /// Helm's `IndexFile.Get(name, constraint)`: an exact version match first, otherwise the first (newest)
    /// version the Masterminds constraint accepts; an empty constraint takes the newest stable version.
    public func get(name: String, constraint: String) throws(ChartError) -> Entry {
        guard let versions = entries[name] else { throw ChartError("no chart name found") }
        if versions.isEmpty { throw ChartError("no chart version found") }
        let c: SemverConstraint
        do {
            c = try SemverConstraint.parse(constraint.isEmpty ? "*" : constraint)
        } catch {
            throw ChartError(error.message)
        }
        if !constraint.isEmpty, let exact = versions.first(where: { $0.version == constraint }) { return exact }
        var sorted = self
        sorted.sortEntries()
        for v in sorted.entries[name] ?? [] where Semver.isValid(v.version) && c.matches(v.version) {
            return v
        }
        throw ChartError("no chart version found for \(name)-\(constraint)")
    }

    /// Resolves `name` at `constraint` in the repository folder `directory` to the archive's path, with Helm's
    /// message when nothing matches (`chart "tenant-app" matching 9.9.9 not found in DIR index: …`).
    public static func resolve(name: String, constraint: String, directory: String) throws(ChartError) -> String {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else {
            throw ChartError("no chart repository index at \(path); run `tenantctl package CHART -d \(directory)` first")
        }
        let index = try load(directory: directory)
        let entry: Entry
        do {
            entry = try index.get(name: name, constraint: constraint)
        } catch {
            throw ChartError("chart \(GoStrconv.quote(name)) matching \(constraint) not found in \(directory) index: \(error.message)")
        }
        guard let url = entry.urls.first else {
            throw ChartError("chart \(GoStrconv.quote(name)) version \(entry.version) has no downloadable URLs")
        }
        if url.hasPrefix("/") { return url }
        let local = url.hasPrefix("file://") ? String(url.dropFirst("file://".count)) : url
        return (directory as NSString).appendingPathComponent(local)
    }

    /// `helm package CHART -d DIR` followed by updating `DIR/index.yaml`: writes the archive, adds its entry
    /// (digest = sha256 of the file), sorts, stamps `generated`, writes the index. Returns the archive's path.
    public static func package(_ chart: LoadedChart, into directory: String, now: Date = Date()) throws(ChartError) -> String {
        let path = try ChartPackage.save(chart, to: directory)
        var index = try load(directory: directory)
        guard let data = FileManager.default.contents(atPath: path) else { throw ChartError("open \(path): no such file") }
        index.add(chart.metadata, fileName: ChartPackage.fileName(chart), digest: sha256Hex(Array(data)), created: now)
        index.sortEntries()
        index.generated = goTime(now)
        try index.write(directory: directory)
        return path
    }

    /// Hex sha256, as Helm's `provenance.DigestFile`.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// A time as encoding/json writes Go's `time.Time` (RFC 3339 with nanoseconds, trailing zeros dropped), UTC.
    static func goTime(_ date: Date) -> String {
        let t = date.timeIntervalSince1970
        let seconds = t.rounded(.down)
        let fmt = ISO8601DateFormatter()
        fmt.formatOptions = [.withInternetDateTime]
        fmt.timeZone = TimeZone(identifier: "UTC")
        var s = fmt.string(from: Date(timeIntervalSince1970: seconds))
        s.removeLast()  // "Z"
        let micros = Int(((t - seconds) * 1_000_000).rounded())
        if micros > 0 && micros < 1_000_000 {
            var frac = String(format: "%06d", micros) + "000"
            while frac.hasSuffix("0") { frac.removeLast() }
            s += "." + frac
        }
        return s + "Z"
    }
}
