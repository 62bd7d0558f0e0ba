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
    public static func loadArchiveFiles(_ bytes: [UInt8]) throws(ChartError) -> [ChartFile] {
        let tar = try gunzip(bytes)
        var reader = TarReader(tar)
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
            if entry.size > remaining {
                throw ChartError("decompressed chart is larger than the maximum size \(maxDecompressedChartSize)")
            }
            if entry.size > maxDecompressedFileSize {
                throw ChartError("decompressed chart file \(GoStrconv.quote(entry.name)) is larger than the maximum file size \(maxDecompressedFileSize)")
            }
            remaining -= entry.data.count
            if entry.data.count < entry.size || remaining <= 0 {
                throw ChartError("decompressed chart is larger than the maximum size \(maxDecompressedChartSize)")
            }
            files.append(ChartFile(name: n, data: ChartDirectory.stripBOM(entry.data)))
        }
        if files.isEmpty { throw ChartError("no files in chart archive") }
        return files
    }

    static let gzipInvalidHeader = "gzip: invalid header"

    /// Gunzips every member of a gzip stream (Go's gzip reader is multistream), with Go's error texts.
    static func gunzip(_ input: [UInt8]) throws(ChartError) -> [UInt8] {
        // Go checks the magic and the method itself, then reads the flagged fields; it ignores reserved flags.
        guard input.count >= 10 else {
            throw ChartError(
                input.count >= 3 && !(input[0] == 0x1F && input[1] == 0x8B && input[2] == 0x08)
                    ? gzipInvalidHeader : "unexpected EOF")
        }
        guard input[0] == 0x1F, input[1] == 0x8B, input[2] == 0x08 else { throw ChartError(gzipInvalidHeader) }
        var out: [UInt8] = []
        var stream = z_stream()
        // 16 + MAX_WBITS: a gzip wrapper, as Go's compress/gzip expects.
        guard inflateInit2_(&stream, 16 + 15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ChartError("gzip: cannot initialise zlib")
        }
        defer { inflateEnd(&stream) }
        var failure: String?
        input.withUnsafeBufferPointer { inBuf in
            var offset = 0
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            while offset < inBuf.count {
                stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress! + offset)
                stream.avail_in = UInt32(inBuf.count - offset)
                var status: Int32 = Z_OK
                repeat {
                    status = chunk.withUnsafeMutableBufferPointer { c in
                        stream.next_out = c.baseAddress
                        stream.avail_out = UInt32(c.count)
                        return inflate(&stream, Z_NO_FLUSH)
                    }
                    let produced = chunk.count - Int(stream.avail_out)
                    out.append(contentsOf: chunk[0..<produced])
                } while status == Z_OK && (stream.avail_out == 0 || stream.avail_in > 0)
                offset = inBuf.count - Int(stream.avail_in)
                switch status {
                case Z_STREAM_END:
                    // Another member may follow; anything but a gzip header there is Go's ErrHeader.
                    if offset < inBuf.count {
                        if inBuf.count - offset < 2 || inBuf[offset] != 0x1F || inBuf[offset + 1] != 0x8B {
                            failure = gzipInvalidHeader
                            return
                        }
                        inflateReset(&stream)
                    }
                case Z_OK, Z_BUF_ERROR:
                    failure = "unexpected EOF"
                    return
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? ""
                    switch message {
                    case "incorrect header check", "unknown compression method":
                        failure = gzipInvalidHeader
                    case "unknown header flags set":
                        // zlib rejects reserved flag bits that Go skips; Go then fails later, not on the header.
                        failure = "unexpected EOF"
                    case "incorrect data check", "incorrect length check":
                        failure = "gzip: invalid checksum"
                    default:
                        failure = "flate: corrupt input before offset \(stream.total_in)"
                    }
                    return
                }
            }
        }
        if let failure { throw ChartError(failure) }
        return out
    }

    /// Go's `path.Clean`.
    static func cleanPath(_ p: String) -> String { GoPath.clean(p) }
}

/// A minimal reader of the tar formats `helm package` and other tools write: ustar (with its name prefix),
/// GNU long names (`L`), PAX extended headers (`x`: `path`, `size`); Go's `archive/tar` errors.
struct TarReader {
    struct Entry {
        var name: String
        var typeflag: UInt8
        var size: Int
        var data: [UInt8]
        var isDirectory: Bool
    }

    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    static let invalidHeader = "archive/tar: invalid header"

    /// The next entry, or nil at the end of the archive.
    mutating func next() throws(ChartError) -> Entry? {
        var longName: String?
        var paxPath: String?
        var paxSize: Int?
        while true {
            guard offset + 512 <= bytes.count else {
                if offset == bytes.count { return nil }
                throw ChartError("unexpected EOF")
            }
            let header = Array(bytes[offset..<offset + 512])
            if header.allSatisfy({ $0 == 0 }) {
                // End of archive: one zero block followed by another (or by nothing).
                return nil
            }
            guard checksumMatches(header) else { throw ChartError(Self.invalidHeader) }
            var typeflag = header[156]
            let size = try Self.number(header[124..<136])
            let dataStart = offset + 512
            let dataEnd = dataStart + size
            guard size >= 0, dataEnd <= bytes.count else { throw ChartError("unexpected EOF") }
            let data = Array(bytes[dataStart..<dataEnd])
            offset = dataStart + (size + 511) / 512 * 512
            switch typeflag {
            case UInt8(ascii: "L"):
                longName = Self.cString(data[...])
                continue
            case UInt8(ascii: "x"):
                let pax = Self.parsePAX(data)
                paxPath = pax["path"] ?? paxPath
                if let s = pax["size"], let n = Int(s) { paxSize = n }
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
            var realSize = size
            var realData = data
            if let paxSize, paxSize != size {
                // A PAX size overrides the header's (for files beyond the octal field's range).
                let end = dataStart + paxSize
                guard end <= bytes.count else { throw ChartError("unexpected EOF") }
                realData = Array(bytes[dataStart..<end])
                realSize = paxSize
                offset = dataStart + (paxSize + 511) / 512 * 512
            }
            if typeflag == 0 || typeflag == UInt8(ascii: "0") {
                typeflag = name.hasSuffix("/") ? UInt8(ascii: "5") : UInt8(ascii: "0")
            }
            let mode = (try? Self.number(header[100..<108])) ?? 0
            let isDirectory = typeflag == UInt8(ascii: "5") || (mode & 0o170000) == 0o040000
            return Entry(name: name, typeflag: typeflag, size: realSize, data: realData, isDirectory: isDirectory)
        }
    }

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
