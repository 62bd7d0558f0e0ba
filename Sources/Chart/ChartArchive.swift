// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import CZlib
import Foundation
import GoRuntime

/// Packaged charts (`.tgz`): Helm's `archive.LoadArchiveFiles` (gunzip, untar, path checks, size limits) and
/// the loaders around it for a top-level chart file and for subcharts under `charts/`.
public enum ChartArchive {
    /// Helm's `MaxDecompressedChartSize`: 100 MiB for all files together.
    public static let maxDecompressedChartSize = 100 * 1024 * 1024
    /// Helm's `MaxDecompressedFileSize`: 5 MiB per file.
    public static let maxDecompressedFileSize = 5 * 1024 * 1024

    /// Loads a chart archive file as `helm template ./chart-1.0.0.tgz` does (`loader.LoadFile`). Messages
    /// name the file by its absolute path, as Helm's `LocateChart` hands it on.
    public static func load(file: String) throws(ChartError) -> LoadedChart {
        let name = ChartDirectory.absolutePath(file)
        guard let data = FileManager.default.contents(atPath: name) else {
            throw ChartError("open \(name): permission denied")
        }
        let bytes = [UInt8](data)
        try ensureArchive(name: name, bytes)
        let files: [ChartFile]
        do {
            files = try loadArchiveFiles(bytes)
        } catch {
            if error.message == gzipInvalidHeader {
                throw ChartError("file '\(name)' does not appear to be a valid chart file (details: \(error.message))")
            }
            throw ChartError("unable to load chart archive")
        }
        guard let chartYAML = files.first(where: { $0.name == "Chart.yaml" }) else {
            throw ChartError("unable to detect chart version, no Chart.yaml found")
        }
        switch try ChartDirectory.detectAPIVersion(chartYAML.text) {
        case "", "v1", "v2": break
        case "v3": throw ChartError("apiVersion v3 charts are not supported by tenantctl yet")
        default: throw ChartError("unsupported chart version")
        }
        return try ChartDirectory.loadFiles(files)
    }

    /// Loads a chart from archive bytes (a `.tgz` subchart): v2's `loader.LoadArchive`, errors unwrapped.
    public static func load(archive bytes: [UInt8]) throws(ChartError) -> LoadedChart {
        try ChartDirectory.loadFiles(try loadArchiveFiles(bytes))
    }

    /// Helm's `EnsureArchive`: a friendly error when the file is not gzip (Helm sniffs the first 512 bytes).
    static func ensureArchive(name: String, _ bytes: [UInt8]) throws(ChartError) {
        if bytes.count >= 3, bytes[0] == 0x1F, bytes[1] == 0x8B, bytes[2] == 0x08 { return }
        if name.hasSuffix(".yml") || name.hasSuffix(".yaml") {
            throw ChartError("file '\(name)' seems to be a YAML file, but expected a gzipped archive")
        }
        throw ChartError("file '\(name)' does not appear to be a gzipped archive; got '\(sniffContentType(bytes))'")
    }

    /// A rough `http.DetectContentType` for the message above. Helm sniffs a zero-filled 512-byte buffer, so
    /// any shorter file looks binary.
    static func sniffContentType(_ bytes: [UInt8]) -> String {
        let head = bytes.prefix(512)
        if head.count < 512 { return "application/octet-stream" }
        if head.contains(where: { $0 < 0x09 || ($0 > 0x0D && $0 < 0x20 && $0 != 0x1B) }) {
            return "application/octet-stream"
        }
        return "text/plain; charset=utf-8"
    }

    /// `archive.LoadArchiveFiles`: every regular entry of the tar inside the gzip, named without the archive's
    /// top directory, with Helm's path checks, size limits, and a leading UTF-8 BOM removed.
    ///
    /// The archive is inflated as it is read (Go's `gzip.Reader` under `tar.Reader`), so a file whose header
    /// announces more than the limits allow is refused before any of its content is inflated, and no more than
    /// the limits' worth of content is ever held in memory.
    public static func loadArchiveFiles(_ bytes: [UInt8]) throws(ChartError) -> [ChartFile] {
        let gzip = try GzipReader(bytes)
        var reader = TarReader(gzip)
        var files: [ChartFile] = []
        var remaining = maxDecompressedChartSize
        while let entry = try reader.next() {
            if entry.isDirectory { continue }
            if entry.typeflag == UInt8(ascii: "g") || entry.typeflag == UInt8(ascii: "x") { continue }
            // An archive made on Windows may use `\`.
            let delimiter: Character = entry.name.contains("\\") ? "\\" : "/"
            let parts = entry.name.split(separator: delimiter, omittingEmptySubsequences: false).map(String.init)
            var n = parts.dropFirst().joined(separator: String(delimiter))
            n = n.replacingOccurrences(of: String(delimiter), with: "/")
            if n.hasPrefix("/") { throw ChartError("chart illegally contains absolute paths") }
            n = cleanPath(n)
            if n == "." {
                throw ChartError("chart illegally contains content outside the base directory: \(GoStrconv.quote(entry.name))")
            }
            if n.hasPrefix("..") { throw ChartError("chart illegally references parent directory") }
            let u = Array(n.utf8)
            if u.count >= 3, (u[0] | 0x20) >= 0x61, (u[0] | 0x20) <= 0x7A, u[1] == UInt8(ascii: ":"), u[2] == UInt8(ascii: "/") {
                throw ChartError("chart contains illegally named files")
            }
            if parts.first == "Chart.yaml" { throw ChartError("chart yaml not in base directory") }
            // Helm checks the sizes the header announces before reading a byte of the file: the total first.
            if entry.size > remaining {
                throw ChartError("decompressed chart is larger than the maximum size \(maxDecompressedChartSize)")
            }
            if entry.size > maxDecompressedFileSize {
                throw ChartError("decompressed chart file \(GoStrconv.quote(entry.name)) is larger than the maximum file size \(maxDecompressedFileSize)")
            }
            // io.LimitReader(tr, remainingSize): never more than what is left of the total.
            let data = try reader.readData(limit: remaining)
            remaining -= data.count
            if data.count < entry.size || remaining <= 0 {
                throw ChartError("decompressed chart is larger than the maximum size \(maxDecompressedChartSize)")
            }
            files.append(ChartFile(name: n, data: ChartDirectory.stripBOM(data)))
        }
        if files.isEmpty { throw ChartError("no files in chart archive") }
        return files
    }

    static let gzipInvalidHeader = "gzip: invalid header"

    /// Gunzips a whole gzip stream in memory (for tests and small trusted inputs; charts are streamed).
    static func gunzip(_ input: [UInt8]) throws(ChartError) -> [UInt8] {
        let reader = try GzipReader(input)
        var out: [UInt8] = []
        while true {
            let chunk = try reader.read(64 * 1024)
            if chunk.isEmpty { return out }
            out.append(contentsOf: chunk)
        }
    }

    /// Go's `path.Clean`.
    static func cleanPath(_ p: String) -> String { GoPath.clean(p) }
}

/// Where a `TarReader` reads from: bytes in order, inflated on demand.
protocol TarSource {
    /// Up to `count` next bytes; fewer only at the end of the stream.
    func read(_ count: Int) throws(ChartError) -> [UInt8]
    /// Skips `count` bytes; returns how many there were.
    func skip(_ count: Int) throws(ChartError) -> Int
}

/// Bytes already in memory, as a `TarSource`.
final class MemorySource: TarSource {
    private let bytes: [UInt8]
    private var offset = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    func read(_ count: Int) throws(ChartError) -> [UInt8] {
        let end = min(bytes.count, offset + count)
        defer { offset = end }
        return Array(bytes[offset..<end])
    }
    func skip(_ count: Int) throws(ChartError) -> Int {
        let end = min(bytes.count, offset + count)
        defer { offset = end }
        return end - offset
    }
}

/// Go's `gzip.Reader` over zlib: inflates a (multi-member) gzip stream as it is read, with Go's error texts.
final class GzipReader: TarSource {
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutableBufferPointer<UInt8>
    private var chunk: [UInt8] = []
    private var chunkStart = 0
    private var finished = false

    init(_ bytes: [UInt8]) throws(ChartError) {
        // Go checks the magic and the method itself, then reads the flagged fields; it ignores reserved flags.
        guard bytes.count >= 10 else {
            throw ChartError(
                bytes.count >= 3 && !(bytes[0] == 0x1F && bytes[1] == 0x8B && bytes[2] == 0x08)
                    ? ChartArchive.gzipInvalidHeader : "unexpected EOF")
        }
        guard bytes[0] == 0x1F, bytes[1] == 0x8B, bytes[2] == 0x08 else {
            throw ChartError(ChartArchive.gzipInvalidHeader)
        }
        input = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = input.initialize(from: bytes)
        // zlib keeps a pointer back to its z_stream, so the stream lives at one address.
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        stream.pointee.next_in = input.baseAddress
        stream.pointee.avail_in = UInt32(bytes.count)
        // 16 + MAX_WBITS: a gzip wrapper, as Go's compress/gzip expects.
        guard inflateInit2_(stream, 16 + 15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            stream.deallocate()
            input.deallocate()
            throw ChartError("gzip: cannot initialise zlib")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        input.deallocate()
    }

    /// Inflates the next piece into `chunk`; false at the end of the stream.
    private func fill() throws(ChartError) -> Bool {
        while !finished {
            var out = [UInt8](repeating: 0, count: 64 * 1024)
            let status = out.withUnsafeMutableBufferPointer { c in
                stream.pointee.next_out = c.baseAddress
                stream.pointee.avail_out = UInt32(c.count)
                return inflate(stream, Z_NO_FLUSH)
            }
            let produced = out.count - Int(stream.pointee.avail_out)
            switch status {
            case Z_OK:
                if produced == 0 && stream.pointee.avail_in == 0 { throw ChartError("unexpected EOF") }
            case Z_STREAM_END:
                // Another member may follow; anything but a gzip header there is Go's ErrHeader.
                let left = Int(stream.pointee.avail_in)
                if left == 0 {
                    finished = true
                } else {
                    let at = input.count - left
                    if left < 2 || input[at] != 0x1F || input[at + 1] != 0x8B {
                        throw ChartError(ChartArchive.gzipInvalidHeader)
                    }
                    inflateReset(stream)
                }
            case Z_BUF_ERROR:
                if produced == 0 { throw ChartError("unexpected EOF") }
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? ""
                switch message {
                case "incorrect header check", "unknown compression method":
                    throw ChartError(ChartArchive.gzipInvalidHeader)
                case "unknown header flags set":
                    // zlib rejects reserved flag bits that Go skips; Go then fails later, not on the header.
                    throw ChartError("unexpected EOF")
                case "incorrect data check", "incorrect length check":
                    throw ChartError("gzip: invalid checksum")
                default:
                    throw ChartError("flate: corrupt input before offset \(stream.pointee.total_in)")
                }
            }
            if produced > 0 {
                out.removeSubrange(produced...)
                chunk = out
                chunkStart = 0
                return true
            }
        }
        return false
    }

    func read(_ count: Int) throws(ChartError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(min(count, 1 << 20))
        while out.count < count {
            if chunkStart == chunk.count {
                guard try fill() else { break }
            }
            let take = min(count - out.count, chunk.count - chunkStart)
            out.append(contentsOf: chunk[chunkStart..<chunkStart + take])
            chunkStart += take
        }
        return out
    }

    func skip(_ count: Int) throws(ChartError) -> Int {
        var skipped = 0
        while skipped < count {
            if chunkStart == chunk.count {
                guard try fill() else { break }
            }
            let take = min(count - skipped, chunk.count - chunkStart)
            chunkStart += take
            skipped += take
        }
        return skipped
    }
}

/// A minimal streaming reader of the tar formats `helm package` and other tools write: ustar (with its name
/// prefix), GNU long names (`L`), PAX extended headers (`x`: `path`, `size`); Go's `archive/tar` errors.
struct TarReader {
    /// One entry's header; its content is read with `readData(limit:)` before the next `next()`.
    struct Entry {
        var name: String
        var typeflag: UInt8
        var size: Int
        var isDirectory: Bool
    }

    private let source: any TarSource
    /// Content of the current entry not yet read, and the padding after it.
    private var unread = 0
    private var padding = 0

    init(_ source: any TarSource) { self.source = source }

    /// A reader over a tar archive already in memory.
    init(_ bytes: [UInt8]) { self.source = MemorySource(bytes) }

    static let invalidHeader = "archive/tar: invalid header"
    /// Go's `archive/tar` reads PAX and GNU long-name records into memory only up to 1 MiB.
    static let maxSpecialFileSize = 1 << 20

    /// Reads exactly `count` bytes or fails with Go's `unexpected EOF`.
    private func readFull(_ count: Int) throws(ChartError) -> [UInt8] {
        let b = try source.read(count)
        guard b.count == count else { throw ChartError("unexpected EOF") }
        return b
    }

    /// Up to `limit` bytes of the current entry's content (all of it when it is no longer).
    mutating func readData(limit: Int) throws(ChartError) -> [UInt8] {
        let want = min(limit, unread)
        let data = try readFull(want)
        unread -= want
        return data
    }

    /// Skips what is left of the current entry.
    private mutating func skipRest() throws(ChartError) {
        let n = unread + padding
        unread = 0
        padding = 0
        if n > 0, try source.skip(n) != n { throw ChartError("unexpected EOF") }
    }

    /// The next entry, or nil at the end of the archive.
    mutating func next() throws(ChartError) -> Entry? {
        try skipRest()
        var longName: String?
        var paxPath: String?
        var paxSize: Int?
        while true {
            let header = try source.read(512)
            if header.isEmpty { return nil }
            guard header.count == 512 else { throw ChartError("unexpected EOF") }
            if header.allSatisfy({ $0 == 0 }) {
                // End of archive: one zero block followed by another (or by nothing).
                return nil
            }
            guard checksumMatches(header) else { throw ChartError(Self.invalidHeader) }
            var typeflag = header[156]
            let headerSize = try Self.number(header[124..<136])
            guard headerSize >= 0 else { throw ChartError(Self.invalidHeader) }
            switch typeflag {
            case UInt8(ascii: "L"), UInt8(ascii: "x"):
                guard headerSize <= Self.maxSpecialFileSize else {
                    throw ChartError("archive/tar: header field too long")
                }
                let data = try readFull(headerSize)
                if try source.skip(Self.pad(headerSize)) != Self.pad(headerSize) { throw ChartError("unexpected EOF") }
                if typeflag == UInt8(ascii: "L") {
                    longName = Self.cString(data[...])
                } else {
                    let pax = Self.parsePAX(data)
                    paxPath = pax["path"] ?? paxPath
                    if let s = pax["size"], let n = Int(s) { paxSize = n }
                }
                continue
            default:
                break
            }
            var name = Self.cString(header[0..<100])
            let magic = Array(header[257..<263])
            if magic == Array("ustar\0".utf8) {
                let prefix = Self.cString(header[345..<500])
                if !prefix.isEmpty { name = prefix + "/" + name }
            }
            if let longName { name = longName }
            if let paxPath { name = paxPath }
            // A PAX size overrides the header's (for files beyond the octal field's range).
            let size = paxSize ?? headerSize
            guard size >= 0 else { throw ChartError(Self.invalidHeader) }
            unread = size
            padding = Self.pad(size)
            if typeflag == 0 || typeflag == UInt8(ascii: "0") {
                typeflag = name.hasSuffix("/") ? UInt8(ascii: "5") : UInt8(ascii: "0")
            }
            let mode = (try? Self.number(header[100..<108])) ?? 0
            let isDirectory = typeflag == UInt8(ascii: "5") || (mode & 0o170000) == 0o040000
            return Entry(name: name, typeflag: typeflag, size: size, isDirectory: isDirectory)
        }
    }

    /// The zero bytes that round `size` up to a whole 512-byte block.
    static func pad(_ size: Int) -> Int { (512 - size % 512) % 512 }

    private func checksumMatches(_ h: [UInt8]) -> Bool {
        guard let stored = try? Self.number(h[148..<156]) else { return false }
        var unsigned = 0
        var signed = 0
        for (i, b) in h.enumerated() {
            let v = (148..<156).contains(i) ? 0x20 : b
            unsigned += Int(v)
            signed += Int(Int8(bitPattern: v))
        }
        return stored == unsigned || stored == signed
    }

    /// A numeric field: octal ASCII (NUL/space padded) or GNU base-256 (high bit set).
    static func number(_ field: ArraySlice<UInt8>) throws(ChartError) -> Int {
        if let first = field.first, first & 0x80 != 0 {
            var v = Int(first & 0x7F)
            for b in field.dropFirst() {
                guard v < (Int.max >> 8) else { throw ChartError(invalidHeader) }
                v = v << 8 | Int(b)
            }
            return v
        }
        var v = 0
        var seen = false
        for b in field {
            if b == 0 || b == 0x20 {
                if seen { break }
                continue
            }
            guard b >= 0x30, b <= 0x37 else { throw ChartError(invalidHeader) }
            seen = true
            v = v * 8 + Int(b - 0x30)
        }
        return v
    }

    static func cString(_ field: ArraySlice<UInt8>) -> String {
        let end = field.firstIndex(of: 0) ?? field.endIndex
        return String(decoding: field[field.startIndex..<end], as: UTF8.self)
    }

    /// PAX records: `LEN key=value\n`.
    static func parsePAX(_ data: [UInt8]) -> [String: String] {
        var out: [String: String] = [:]
        var i = 0
        while i < data.count {
            var j = i
            while j < data.count, data[j] != 0x20 { j += 1 }
            guard let len = Int(String(decoding: data[i..<j], as: UTF8.self)), len > 0, i + len <= data.count else { break }
            let record = data[(j + 1)..<(i + len)]
            if let eq = record.firstIndex(of: UInt8(ascii: "=")) {
                let key = String(decoding: record[record.startIndex..<eq], as: UTF8.self)
                var valueBytes = record[(eq + 1)...]
                if valueBytes.last == 0x0A { valueBytes = valueBytes.dropLast() }
                out[key] = String(decoding: valueBytes, as: UTF8.self)
            }
            i += len
        }
        return out
    }
}
