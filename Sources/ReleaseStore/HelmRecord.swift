// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import CZlib
import Foundation
import GoRuntime
import YAMLKit

/// Helm v4's release record: a ``Release`` as the JSON of Helm's `release.Release` (pkg/release/v1), gzipped
/// and base64-encoded, exactly as Helm's `encodeRelease`/`decodeRelease` (pkg/storage/driver/util.go) write
/// and read it. The one codec of both shared stores: the PostgreSQL driver's `releases_v1.body` and the
/// Kubernetes store's Secret `data.release` hold this text.
///
/// The JSON has Helm's field names and order (`name`, `info`, `chart` {`metadata`, `lock`, `templates`,
/// `values`, `schema`, `schemamodtime`, `files`}, `config`, `manifest`, `version`, `namespace`,
/// `apply_method`), so Helm reads our records as its own:
/// - `config` is ``Release/userValues`` and `chart.values` is ``Release/computedValues``, each loaded with
///   YAMLKit's `loadValues` and written with YAMLKit's Go JSON encoder (numbers and sorted keys as Helm's
///   `json.Marshal` writes them). With `chart.values` the full values, `helm get values --all` (which
///   coalesces `config` over `chart.values`) prints what tenantctl computed.
/// - tenantctl's own facts go in a `tenantctl` object, a field Helm's decoder ignores (Go's `encoding/json`
///   skips unknown keys) and drops when it rewrites the record: the values as their exact YAML text and the
///   chart digest. A record Helm wrote or rewrote has no such object; its values then come from `config` and
///   `chart.values`, converted to YAML with YAMLKit's `toYaml`.
/// - ``Release/labels`` are not in Helm's part of the JSON (Helm's `Labels` is `json:"-"`): a store keeps them
///   where Helm keeps custom labels (the SQL driver's `custom_labels_v1`, a Secret's labels), never under
///   Helm's reserved names (``customLabels(_:)``). The `tenantctl` object keeps all of them, for the labels
///   Helm cannot hold and the records whose key is too long for Helm's `custom_labels_v1.releaseKey`
///   (64 characters); on reading, the store's custom labels win over it.
public enum HelmRecord {
    /// The record type Helm writes (Secret `type`, the SQL `type` column).
    public static let type = "helm.sh/release.v1"
    /// The `owner` label/column Helm writes and filters `helm list` by.
    public static let owner = "helm"
    /// Helm's system labels (pkg/storage/driver/util.go `systemLabels`): stores derive them from the record,
    /// so a release may not carry custom labels with these names.
    public static let reservedLabels: Set<String> = ["name", "owner", "status", "version", "createdAt", "modifiedAt"]
    /// How `apply_method` is written: tenantctl's Kubernetes target applies server-side (Helm v4's `ssa`).
    public static let applyMethod = "ssa"
    /// The longest custom label key and value Helm's SQL schema holds (`custom_labels_v1`: the Kubernetes
    /// label limits, 253 + 1 + 63 and 63).
    public static let maxLabelKeyLength = 317, maxLabelValueLength = 63

    /// Helm's storage key of a revision: `sh.helm.release.v1.<tenant>.v<revision>` (pkg/storage/storage.go
    /// `makeKey`), the Secret's name and the SQL `key` column.
    public static func key(_ key: ReleaseKey) -> String { "sh.helm.release.v1.\(key.tenant).v\(key.revision)" }

    /// The stored text of `release`: base64 of the gzip of ``json(_:namespace:)``.
    /// - Parameters:
    ///   - namespace: Helm's release `namespace` field: the records namespace the store keeps them in.
    ///   - existing: the stored text this record replaces, if any: what Helm keeps there that a ``Release``
    ///     does not model (hooks, the chart's templates and files, `apply_method`, `info.resources` …) is
    ///     kept (``json(_:namespace:over:)``), so that tenantctl marking a Helm-written revision `superseded`
    ///     does not take Helm's rollback material away.
    /// - Throws: ``StoreError/Code/invalidArgument`` when the values are not YAML maps Helm can hold.
    public static func encode(_ release: Release, namespace: String, over existing: String? = nil) throws(StoreError) -> String {
        var text = try json(release, namespace: namespace)
        if let existing, let previous = try? decodedBytes(existing, record: key(release.key)) {
            text = try json(release, namespace: namespace, over: previous)
        }
        // Helm compresses with gzip.BestCompression.
        return GoJSON.base64(try Gzip.compress(Array(text.utf8), what: "release record \(key(release.key))"))
    }

    /// ``json(_:namespace:)`` laid over the JSON of the record it replaces: every field a ``Release`` models is
    /// ours (`name`, `config`, `manifest`, `version`, `namespace`, the `tenantctl` object; `info`'s times,
    /// description, status and notes; `chart.values` and `chart.metadata`'s name, version and appVersion),
    /// everything else stays as it was. Keys come out sorted (`json.Marshal` of a map); Helm reads them in
    /// any order. Previous text that is not a JSON object is simply replaced.
    public static func json(_ release: Release, namespace: String, over previous: [UInt8]) throws(StoreError) -> String {
        let fresh = try json(release, namespace: namespace)
        guard case .map(let old, _)? = try? GoJSON.unmarshal(String(decoding: previous, as: UTF8.self)),
            case .map(let new, _)? = try? GoJSON.unmarshal(fresh)
        else { return fresh }
        var merged = old.dictionary
        let ours = new.dictionary
        for k in ["name", "config", "manifest", "version", "namespace", "tenantctl"] { merged[k] = ours[k] }
        // Helm keeps using the apply method a release was installed with.
        if merged["apply_method"] == nil { merged["apply_method"] = ours["apply_method"] }
        func overlay(_ base: Value?, _ top: Value?, owning keys: [String]) -> Value? {
            guard case .map(let b, _)? = base else { return top }
            var out = b.dictionary
            let t = dictionary(top)
            for k in keys { out[k] = t[k] }
            return .dict(out)
        }
        merged["info"] = overlay(
            old.dictionary["info"], ours["info"],
            owning: ["first_deployed", "last_deployed", "deleted", "description", "status", "notes"])
        if case .map(let oldChart, _)? = merged["chart"] {
            var chart = oldChart.dictionary
            let newChart = dictionary(ours["chart"])
            chart["values"] = newChart["values"]
            chart["metadata"] = overlay(chart["metadata"], newChart["metadata"], owning: ["name", "version", "appVersion"])
            merged["chart"] = .dict(chart)
        } else {
            merged["chart"] = ours["chart"]
        }
        do {
            return try GoJSON.marshal(.dict(merged))
        } catch {
            return fresh
        }
    }

    /// Helm's release JSON for `release` (`json.Marshal` of its `release.Release`), with the `tenantctl` object.
    public static func json(_ release: Release, namespace: String) throws(StoreError) -> String {
        let config = try valuesMap(release.userValues, release, "user values")
        let values = try valuesMap(release.computedValues, release, "computed values")
        var info = "{"
        // Info.MarshalJSON: zero times are left out; descriptions and notes are omitempty.
        info += "\"first_deployed\":" + GoJSON.quote(goTime(release.firstDeployed))
        info += ",\"last_deployed\":" + GoJSON.quote(goTime(release.lastDeployed))
        if let deleted = release.deleted { info += ",\"deleted\":" + GoJSON.quote(goTime(deleted)) }
        if !release.description.isEmpty { info += ",\"description\":" + GoJSON.quote(release.description) }
        info += ",\"status\":" + GoJSON.quote(release.status.rawValue)
        if !release.notes.isEmpty { info += ",\"notes\":" + GoJSON.quote(release.notes) }
        info += "}"
        // chart.Metadata: name, version, apiVersion, appVersion in struct order, all omitempty.
        var metadata = "{\"name\":" + GoJSON.quote(release.chart.name)
        if !release.chart.version.isEmpty { metadata += ",\"version\":" + GoJSON.quote(release.chart.version) }
        metadata += ",\"apiVersion\":\"v2\""
        if !release.chart.appVersion.isEmpty { metadata += ",\"appVersion\":" + GoJSON.quote(release.chart.appVersion) }
        metadata += "}"
        // chart.Chart: lock, schema and files are not omitempty (null); schemamodtime is a zero time.Time;
        // modtime is omitzero.
        let chart =
            "{\"metadata\":" + metadata + ",\"lock\":null,\"templates\":[],\"values\":" + (try marshal(values, release))
            + ",\"schema\":null,\"schemamodtime\":\"0001-01-01T00:00:00Z\",\"files\":null}"
        var out = "{\"name\":" + GoJSON.quote(release.tenant) + ",\"info\":" + info + ",\"chart\":" + chart
        if !config.isEmpty { out += ",\"config\":" + (try marshal(config, release)) }
        if !release.manifest.isEmpty { out += ",\"manifest\":" + GoJSON.quote(release.manifest) }
        out += ",\"version\":" + String(release.revision)
        if !namespace.isEmpty { out += ",\"namespace\":" + GoJSON.quote(namespace) }
        out += ",\"apply_method\":" + GoJSON.quote(applyMethod)
        out += ",\"tenantctl\":{\"user_values\":" + GoJSON.quote(release.userValues)
        out += ",\"computed_values\":" + GoJSON.quote(release.computedValues)
        out += ",\"chart_digest\":" + GoJSON.quote(release.chart.digest)
        out += ",\"labels\":" + (try marshal(release.labels.mapValues { .string($0) }, release)) + "}}"
        return out
    }

    /// Reads a stored record (Helm's `decodeRelease`: base64, then gunzip when the gzip magic is there —
    /// Helm's records from before compression are plain JSON — then the JSON).
    /// - Parameters:
    ///   - body: the stored text.
    ///   - labels: the custom labels the store keeps beside the record.
    ///   - record: names the record in messages (`sh.helm.release.v1.acme.v3 in 127.0.0.1:5432/helm`).
    /// - Throws: ``StoreError/Code/incompatible`` naming `record` and what is wrong with it.
    public static func decode(_ body: String, labels: [String: String] = [:], record: String) throws(StoreError) -> Release {
        try decodeJSON(try decodedBytes(body, record: record), labels: labels, record: record)
    }

    /// The JSON bytes of a stored record: base64-decoded, gunzipped when gzipped.
    static func decodedBytes(_ body: String, record: String) throws(StoreError) -> [UInt8] {
        guard let data = Data(base64Encoded: body) else {
            throw StoreError(.incompatible, "release record \(record) is unreadable: its body is not base64")
        }
        let bytes = [UInt8](data)
        if bytes.count > 3, bytes[0] == 0x1f, bytes[1] == 0x8b, bytes[2] == 0x08 {
            return try Gzip.decompress(bytes, what: "release record \(record)")
        }
        return bytes
    }

    /// Reads Helm's release JSON (the decompressed record).
    /// - Throws: ``StoreError/Code/incompatible`` naming `record`.
    public static func decodeJSON(_ bytes: [UInt8], labels: [String: String] = [:], record: String) throws(StoreError) -> Release {
        func bad(_ what: String) -> StoreError {
            StoreError(.incompatible, "release record \(record) is unreadable: \(what)")
        }
        let parsed: Value
        do {
            parsed = try GoJSON.unmarshal(String(decoding: bytes, as: UTF8.self))
        } catch {
            throw bad("invalid JSON: \(error.message)")
        }
        guard case .map(let m, _) = parsed else { throw bad("its JSON is not an object") }
        let root = m.dictionary
        guard case .string(let name)? = root["name"], !name.isEmpty else { throw bad("it has no release name") }
        guard let revision = integer(root["version"]), revision > 0 else { throw bad("it has no revision (version)") }
        func failing(_ what: String) -> StoreError {
            StoreError(
                .incompatible, "release record \(record) is unreadable: \(what)", tenant: name, revision: revision)
        }
        guard case .map(let infoMap, _)? = root["info"] else { throw failing("it has no info") }
        let info = infoMap.dictionary
        let statusText = string(info["status"])
        guard let status = ReleaseStatus(rawValue: statusText) else {
            throw failing("unknown status \(goQuote(statusText))")
        }
        func time(_ field: String) throws(StoreError) -> Date? {
            // Info.UnmarshalJSON treats a missing or empty time as the zero time.
            let text = string(info[field])
            if text.isEmpty { return nil }
            guard let d = parseGoTime(text) else { throw failing("info.\(field) \(goQuote(text)) is not an RFC 3339 time") }
            return d
        }
        let chartMap = dictionary(root["chart"])
        let metadata = dictionary(chartMap["metadata"])
        let own = dictionary(root["tenantctl"])
        let config = dictionary(root["config"])
        let userValues: String
        let computedValues: String
        if case .string(let text)? = own["user_values"] {
            userValues = text
        } else {
            userValues = try yaml(config, failing)
        }
        if case .string(let text)? = own["computed_values"] {
            computedValues = text
        } else {
            computedValues = try yaml(coalesce(dictionary(chartMap["values"]), config), failing)
        }
        return Release(
            tenant: name, revision: revision, status: status,
            chart: ChartReference(
                name: string(metadata["name"]), version: string(metadata["version"]),
                appVersion: string(metadata["appVersion"]), digest: string(own["chart_digest"])),
            userValues: userValues, computedValues: computedValues, manifest: string(root["manifest"]),
            notes: string(info["notes"]), firstDeployed: try time("first_deployed") ?? goZeroTime,
            lastDeployed: try time("last_deployed") ?? goZeroTime, deleted: try time("deleted"),
            description: string(info["description"]),
            labels: dictionary(own["labels"]).compactMapValues { v in
                if case .string(let s) = v { return s }
                return nil
            }.merging(labels) { _, store in store })
    }

    /// The labels of `release` a store keeps where Helm keeps custom labels (`custom_labels_v1`, a Secret's
    /// labels): all but Helm's reserved names (which Helm's `filterSystemLabels` drops; a store derives those
    /// from the record) and keys or values longer than Helm's SQL columns hold. Every label, these included,
    /// is also in the record's `tenantctl` object, so none is lost.
    public static func customLabels(_ release: Release) -> [String: String] {
        release.labels.filter { k, v in
            !reservedLabels.contains(k) && !k.isEmpty && k.count <= maxLabelKeyLength && v.count <= maxLabelValueLength
        }
    }

    // MARK: Values

    /// YAML values text as the JSON map Helm keeps (`loadValues`; empty text is an empty map).
    private static func valuesMap(_ text: String, _ release: Release, _ what: String) throws(StoreError) -> [String: Value] {
        guard !text.isEmpty else { return [:] }
        do {
            guard case .map(let m, _) = try YAML.loadValues(text) else { return [:] }
            return m.dictionary
        } catch {
            throw StoreError(
                .invalidArgument, "release \(release.key): its \(what) are not a YAML map: \(error.message)",
                tenant: release.tenant, revision: release.revision)
        }
    }

    private static func marshal(_ map: [String: Value], _ release: Release) throws(StoreError) -> String {
        do {
            return try GoJSON.marshal(.dict(map))
        } catch {
            throw StoreError(
                .invalidArgument, "release \(release.key): its values cannot be written as JSON: \(error.message)",
                tenant: release.tenant, revision: release.revision)
        }
    }

    /// A JSON map as values YAML (`toYaml`); an empty map is empty text.
    private static func yaml(_ map: [String: Value], _ failing: (String) -> StoreError) throws(StoreError) -> String {
        guard !map.isEmpty else { return "" }
        do {
            return try GoYAML.marshal(.dict(map))
        } catch {
            throw failing("its values cannot be written as YAML: \(error.message)")
        }
    }

    /// `config` over `chart.values`, as Helm's `chartutil.CoalesceValues` merges them for `get values --all`:
    /// maps merge key by key, any other value replaces, and a null deletes the key.
    static func coalesce(_ base: [String: Value], _ over: [String: Value]) -> [String: Value] {
        var out = base
        for (k, v) in over {
            if case .null = v {
                out[k] = nil
            } else if case .map(let o, _) = v, case .map(let b, _)? = out[k] {
                out[k] = .dict(coalesce(b.dictionary, o.dictionary))
            } else {
                out[k] = v
            }
        }
        return out
    }

    private static func dictionary(_ v: Value?) -> [String: Value] {
        if case .map(let m, _)? = v { return m.dictionary }
        return [:]
    }

    private static func string(_ v: Value?) -> String {
        if case .string(let s)? = v { return s }
        return ""
    }

    private static func integer(_ v: Value?) -> Int? {
        switch v {
        case .float(let f)?: return f == f.rounded() && abs(f) < 1e15 ? Int(f) : nil
        case .int(let n, _)?: return n
        default: return nil
        }
    }

    // MARK: Times

    /// Go's zero `time.Time` (`0001-01-01T00:00:00Z`), what Helm reads for a missing time.
    static let goZeroTime = Date(timeIntervalSince1970: -62_135_596_800)

    /// `time.Time.MarshalJSON` of a UTC time: RFC 3339 with the fraction's trailing zeros dropped
    /// (`time.RFC3339Nano`). Microseconds, as every store keeps them.
    static func goTime(_ date: Date) -> String {
        var text = Timestamp.format(date)  // 2026-01-01T00:00:00.250000Z
        text.removeLast()  // Z
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text + "Z"
    }

    /// Parses RFC 3339 as Go's `time.Time.UnmarshalJSON` reads it: `Z` or a `±hh:mm` offset, up to nine
    /// fraction digits (Helm writes its local zone: `2026-03-01T11:00:00.5+01:00`).
    static func parseGoTime(_ text: String) -> Date? {
        if text.hasSuffix("Z") { return Timestamp.parse(text) }
        let bytes = Array(text.utf8)
        guard bytes.count > 6 else { return nil }
        let sign = bytes[bytes.count - 6]
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), bytes[bytes.count - 3] == UInt8(ascii: ":"),
            let hours = Int(String(decoding: bytes[(bytes.count - 5)..<(bytes.count - 3)], as: UTF8.self)),
            let minutes = Int(String(decoding: bytes[(bytes.count - 2)...], as: UTF8.self)),
            let local = Timestamp.parse(String(decoding: bytes[..<(bytes.count - 6)], as: UTF8.self) + "Z")
        else { return nil }
        let offset = Double(hours * 3600 + minutes * 60) * (sign == UInt8(ascii: "+") ? 1 : -1)
        return local.addingTimeInterval(-offset)
    }
}

/// gzip in memory over zlib, for release records (small: one revision's JSON) and backup archives
/// (``BackupArchive``). `what` names the thing in messages (`release record acme.v3`, `backup archive b.json.gz`).
enum Gzip {
    /// Compresses with gzip.BestCompression and Go's header (no name, mtime 0, OS 255 "unknown"), as Go's
    /// `compress/gzip` writer does.
    static func compress(_ input: [UInt8], what: String) throws(StoreError) -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let header = UnsafeMutablePointer<gz_header>.allocate(capacity: 1)
        header.initialize(to: gz_header())
        header.pointee.os = 255
        defer {
            stream.deallocate()
            header.deallocate()
        }
        // 16 + MAX_WBITS: a gzip wrapper; memLevel 8 is zlib's default.
        guard
            deflateInit2_(
                stream, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else {
            throw StoreError(.database, "\(what): cannot initialise zlib")
        }
        defer { deflateEnd(stream) }
        deflateSetHeader(stream, header)
        var output = [UInt8](repeating: 0, count: Int(deflateBound(stream, UInt(input.count))) + 64)
        var source = input
        let status = source.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.pointee.next_in = inBuffer.baseAddress
                stream.pointee.avail_in = UInt32(inBuffer.count)
                stream.pointee.next_out = outBuffer.baseAddress
                stream.pointee.avail_out = UInt32(outBuffer.count)
                return deflate(stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else {
            throw StoreError(.database, "\(what): gzip failed (zlib status \(status))")
        }
        return Array(output[..<Int(stream.pointee.total_out)])
    }

    /// Inflates a whole gzip member.
    /// - Throws: ``StoreError/Code/incompatible`` naming `what` (`gzip: unexpected EOF`, zlib's message:
    ///   `incorrect data check` for a CRC mismatch, `incorrect length check`, `invalid block type` …).
    static func decompress(_ input: [UInt8], what: String) throws(StoreError) -> [UInt8] {
        func bad(_ problem: String) -> StoreError {
            StoreError(.incompatible, "\(what) is unreadable: gzip: \(problem)")
        }
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        guard inflateInit2_(stream, 16 + 15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw bad("cannot initialise zlib")
        }
        defer { inflateEnd(stream) }
        var source = input
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        return try source.withUnsafeMutableBufferPointer { (inBuffer) throws(StoreError) -> [UInt8] in
            stream.pointee.next_in = inBuffer.baseAddress
            stream.pointee.avail_in = UInt32(inBuffer.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { c in
                    stream.pointee.next_out = c.baseAddress
                    stream.pointee.avail_out = UInt32(c.count)
                    return inflate(stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.pointee.avail_out)
                out.append(contentsOf: chunk[..<produced])
                switch status {
                case Z_STREAM_END: return out
                case Z_OK:
                    if produced == 0 && stream.pointee.avail_in == 0 { throw bad("unexpected EOF") }
                case Z_BUF_ERROR:
                    if stream.pointee.avail_in == 0 { throw bad("unexpected EOF") }
                default:
                    let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                    throw bad(message)
                }
            }
        }
    }
}
