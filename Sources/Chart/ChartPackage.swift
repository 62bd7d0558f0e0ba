// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import CZlib
import Foundation
import GoRuntime
import YAMLKit

/// `helm package`: a loaded chart written as `NAME-VERSION.tgz` in Helm's layout (`chartutil.Save`): a gzip'd
/// tar whose top directory is the chart's name; `Chart.yaml` first (re-marshalled from the metadata), then
/// `Chart.lock`, `values.yaml`, `values.schema.json`, the templates, the other files, and each subchart as a
/// directory under `charts/`. Entries are mode 0644 regular files. The chart was loaded with `.helmignore`
/// applied, so ignored files are not in it. Timestamps are fixed (the Unix epoch), so packaging the same chart
/// twice gives the same bytes and the same digest.
public enum ChartPackage {
    /// Helm's gzip header extra field and comment.
    static let gzipExtra = Array("+aHR0cHM6Ly95b3V0dS5iZS96OVV6MWljandyTQo=".utf8)
    static let gzipComment = Array("Helm".utf8)

    /// The archive's file name: `NAME-VERSION.tgz`.
    public static func fileName(_ chart: LoadedChart) -> String {
        "\(chart.metadata.name)-\(chart.metadata.version).tgz"
    }

    /// Writes `chart` to `directory/NAME-VERSION.tgz` (creating the directory) and returns that path.
    public static func save(_ chart: LoadedChart, to directory: String) throws(ChartError) -> String {
        let bytes = try archive(chart)
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDir) {
            if !isDir.boolValue { throw ChartError("is not a directory: \(directory)") }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw ChartError("mkdir \(directory): \(error.localizedDescription)")
            }
        }
        let path = (directory as NSString).appendingPathComponent(fileName(chart))
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw ChartError("open \(path): permission denied")
        }
        return path
    }

    /// The `.tgz` bytes of `chart`.
    public static func archive(_ chart: LoadedChart) throws(ChartError) -> [UInt8] {
        var tar = TarWriter()
        try writeContents(&tar, chart, prefix: "")
        return try gzip(tar.finish())
    }

    /// `writeTarContents`.
    static func writeContents(_ tar: inout TarWriter, _ c: LoadedChart, prefix: String) throws(ChartError) {
        let name = c.metadata.name
        if name.isEmpty || name.contains("/") || name == "." || name == ".." {
            throw ChartError("invalid chart name: \(GoStrconv.quote(name))")
        }
        let base = prefix.isEmpty ? name : prefix + "/" + name
        let chartYAML: String
        do {
            chartYAML = try GoYAML.marshal(metadataValue(c.metadata, forArchive: true))
        } catch {
            throw ChartError("cannot marshal Chart.yaml: \(error.message)")
        }
        try tar.add(base + "/Chart.yaml", Array(chartYAML.utf8))
        if c.metadata.apiVersion == "v2", let lock = c.raw.first(where: { $0.name == "Chart.lock" }) {
            try tar.add(base + "/Chart.lock", lock.data)
        }
        for f in c.raw where f.name == "values.yaml" {
            try tar.add(base + "/values.yaml", f.data)
        }
        if let schema = c.schema {
            try tar.add(base + "/values.schema.json", schema)
        }
        for f in c.templates { try tar.add(base + "/" + f.name, f.data) }
        for f in c.files { try tar.add(base + "/" + f.name, f.data) }
        for dep in c.dependencies {
            try writeContents(&tar, dep, prefix: base + "/charts")
        }
    }

    /// The metadata as encoding/json sees `chart.Metadata` (omitempty fields dropped). A v1 chart's archive
    /// leaves out its dependencies, as Helm does.
    public static func metadataValue(_ md: ChartMetadata, forArchive: Bool = false) -> Value {
        var m: [String: Value] = [:]
        func put(_ k: String, _ s: String) { if !s.isEmpty { m[k] = .string(s) } }
        func put(_ k: String, _ xs: [String]?) { if let xs, !xs.isEmpty { m[k] = .strings(xs) } }
        put("name", md.name)
        put("home", md.home)
        put("sources", md.sources)
        put("version", md.version)
        put("description", md.description)
        put("keywords", md.keywords)
        if let ms = md.maintainers, !ms.isEmpty {
            m["maintainers"] = .list(
                ms.map { mt -> Value in
                    guard let mt else { return .null }
                    var o: [String: Value] = [:]
                    if !mt.name.isEmpty { o["name"] = .string(mt.name) }
                    if !mt.email.isEmpty { o["email"] = .string(mt.email) }
                    if !mt.url.isEmpty { o["url"] = .string(mt.url) }
                    return .dict(o)
                })
        }
        put("icon", md.icon)
        put("apiVersion", md.apiVersion)
        put("condition", md.condition)
        put("tags", md.tags)
        put("appVersion", md.appVersion)
        if md.deprecated { m["deprecated"] = .bool(true) }
        if let a = md.annotations, !a.isEmpty { m["annotations"] = .dict(a.mapValues { .string($0) }) }
        put("kubeVersion", md.kubeVersion)
        if let deps = md.dependencies, !deps.isEmpty, !(forArchive && md.apiVersion == "v1") {
            m["dependencies"] = .list(
                deps.map { d -> Value in
                    guard let d else { return .null }
                    var o: [String: Value] = ["name": .string(d.name), "repository": .string(d.repository)]
                    if !d.version.isEmpty { o["version"] = .string(d.version) }
                    if !d.condition.isEmpty { o["condition"] = .string(d.condition) }
                    if let t = d.tags, !t.isEmpty { o["tags"] = .strings(t) }
                    if d.enabled { o["enabled"] = .bool(true) }
                    if let iv = d.importValues, !iv.isEmpty { o["import-values"] = .list(iv) }
                    if !d.alias.isEmpty { o["alias"] = .string(d.alias) }
                    return .dict(o)
                })
        }
        put("type", md.type)
        return .dict(m)
    }

    /// Go's `gzip.Writer` with Helm's extra field and comment: a gzip member around a raw deflate stream.
    static func gzip(_ input: [UInt8]) throws(ChartError) -> [UInt8] {
        // ID1 ID2 CM FLG(FEXTRA|FCOMMENT) MTIME(0) XFL OS(unknown, as Go writes)
        var out: [UInt8] = [0x1F, 0x8B, 0x08, 0x04 | 0x10, 0, 0, 0, 0, 0, 0xFF]
        out.append(UInt8(gzipExtra.count & 0xFF))
        out.append(UInt8(gzipExtra.count >> 8))
        out.append(contentsOf: gzipExtra)
        out.append(contentsOf: gzipComment)
        out.append(0)
        var stream = z_stream()
        // -MAX_WBITS: raw deflate; the gzip framing is ours.
        guard
            deflateInit2_(
                &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY,
                ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else {
            throw ChartError("gzip: cannot initialise zlib")
        }
        defer { deflateEnd(&stream) }
        var status: Int32 = Z_OK
        input.withUnsafeBufferPointer { inBuf in
            stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
            stream.avail_in = UInt32(inBuf.count)
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            repeat {
                status = chunk.withUnsafeMutableBufferPointer { c in
                    stream.next_out = c.baseAddress
                    stream.avail_out = UInt32(c.count)
                    return deflate(&stream, Z_FINISH)
                }
                out.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
            } while status == Z_OK
        }
        guard status == Z_STREAM_END else { throw ChartError("gzip: deflate failed (\(status))") }
        let crc = input.withUnsafeBufferPointer { b in
            UInt32(crc32(0, b.baseAddress, UInt32(b.count)))
        }
        for v in [crc, UInt32(truncatingIfNeeded: input.count)] {
            out.append(contentsOf: [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)])
        }
        return out
    }
}

/// Go's `archive/tar` writer as `chartutil.Save` uses it: USTAR headers (a long name split into prefix and
/// name, or a PAX `path` record when it does not fit), regular files only, then two zero blocks.
struct TarWriter {
    private(set) var bytes: [UInt8] = []
    var modTime = 0

    mutating func add(_ name: String, _ data: [UInt8], mode: Int = 0o644) throws(ChartError) {
        let n = Array(name.utf8)
        var namePart = n
        var prefix: [UInt8] = []
        if n.count > 100 {
            // USTAR: split at a slash so that the prefix fits 155 bytes and the rest 100.
            var split: Int?
            for i in stride(from: min(n.count - 1, 155), through: 1, by: -1) where n[i] == UInt8(ascii: "/") {
                if n.count - i - 1 <= 100 && n.count - i - 1 > 0 { split = i }
                break
            }
            if let split {
                prefix = Array(n[..<split])
                namePart = Array(n[(split + 1)...])
            } else {
                let record = Self.paxRecord("path", name)
                bytes.append(
                    contentsOf: header(
                        name: Array("PaxHeaders.0/\(goPathBase(name))".utf8.prefix(100)), prefix: [],
                        size: record.count, mode: mode, typeflag: UInt8(ascii: "x")))
                append(record)
                namePart = Array(n.prefix(100))
            }
        }
        bytes.append(contentsOf: header(name: namePart, prefix: prefix, size: data.count, mode: mode, typeflag: UInt8(ascii: "0")))
        append(data)
    }

    private mutating func append(_ data: [UInt8]) {
        bytes.append(contentsOf: data)
        let pad = (512 - data.count % 512) % 512
        bytes.append(contentsOf: [UInt8](repeating: 0, count: pad))
    }

    static func paxRecord(_ key: String, _ value: String) -> [UInt8] {
        let body = " \(key)=\(value)\n"
        var size = body.utf8.count + 1
        while String(size).utf8.count + body.utf8.count != size { size = String(size).utf8.count + body.utf8.count }
        return Array((String(size) + body).utf8)
    }

    private func header(name: [UInt8], prefix: [UInt8], size: Int, mode: Int, typeflag: UInt8) -> [UInt8] {
        var h = [UInt8](repeating: 0, count: 512)
        func put(_ field: Range<Int>, _ b: [UInt8]) {
            for (i, x) in b.prefix(field.count).enumerated() { h[field.lowerBound + i] = x }
        }
        func octal(_ field: Range<Int>, _ v: Int) {
            // Go's formatOctal: zero-padded digits and a NUL terminator.
            let digits = String(v, radix: 8)
            let width = field.count - 1
            put(field, Array((String(repeating: "0", count: max(0, width - digits.count)) + digits).utf8))
        }
        put(0..<100, name)
        octal(100..<108, mode)
        octal(108..<116, 0)
        octal(116..<124, 0)
        octal(124..<136, size)
        octal(136..<148, modTime)
        h[156] = typeflag
        put(257..<263, Array("ustar\0".utf8))
        put(263..<265, Array("00".utf8))
        octal(329..<337, 0)
        octal(337..<345, 0)
        put(345..<500, prefix)
        // The checksum: the header's bytes with the field as spaces; six octal digits, NUL, space.
        for i in 148..<156 { h[i] = 0x20 }
        let sum = h.reduce(0) { $0 + Int($1) }
        octal(148..<155, sum)
        return h
    }

    mutating func finish() -> [UInt8] {
        bytes.append(contentsOf: [UInt8](repeating: 0, count: 1024))
        return bytes
    }
}
