// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Crypto
import GoRuntime
import GoTemplate

extension Sprig {
    /// Sprig's encoding and hash functions: base64/base32 (errors returned as the result text, as Sprig
    /// does), SHA-1/256/512 as hex, Adler-32 as decimal.
    static func registerEncoding(into t: inout FunctionTable) {
        t.register("b64enc", GoFunction([.string]) { a in .string(GoBase64.encode(GoByteString.bytes(a[0].stringValue ?? ""))) })
        t.register(
            "b64dec",
            GoFunction([.string]) { a in
                switch GoBase64.decode(GoByteString.bytes(a[0].stringValue ?? "")) {
                case .success(let b): return .string(GoByteString.string(b))
                case .failure(let e): return .string(e.message)
                }
            })
        t.register("b32enc", GoFunction([.string]) { a in .string(GoBase32.encode(GoByteString.bytes(a[0].stringValue ?? ""))) })
        t.register(
            "b32dec",
            GoFunction([.string]) { a in
                switch GoBase32.decode(GoByteString.bytes(a[0].stringValue ?? "")) {
                case .success(let b): return .string(GoByteString.string(b))
                case .failure(let e): return .string(e.message)
                }
            })
        t.register("sha1sum", GoFunction([.string]) { a in .string(hex(Insecure.SHA1.hash(data: GoByteString.bytes(a[0].stringValue ?? "")))) })
        t.register("sha256sum", GoFunction([.string]) { a in .string(hex(SHA256.hash(data: GoByteString.bytes(a[0].stringValue ?? "")))) })
        t.register("sha512sum", GoFunction([.string]) { a in .string(hex(SHA512.hash(data: GoByteString.bytes(a[0].stringValue ?? "")))) })
        t.register("adler32sum", GoFunction([.string]) { a in .string(String(adler32(GoByteString.bytes(a[0].stringValue ?? "")))) })
    }

    static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    static func adler32(_ data: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for x in data {
            a = (a + UInt32(x)) % 65521
            b = (b + a) % 65521
        }
        return b << 16 | a
    }
}

/// Go's encoding/base64 StdEncoding, with its decoder's error offsets and newline skipping.
enum GoBase64 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    static let decodeMap: [UInt8] = {
        var m = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in alphabet.enumerated() { m[Int(c)] = UInt8(i) }
        return m
    }()

    static func encode(_ src: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((src.count + 2) / 3 * 4)
        var i = 0
        while i + 3 <= src.count {
            let v = UInt32(src[i]) << 16 | UInt32(src[i + 1]) << 8 | UInt32(src[i + 2])
            for s in [18, 12, 6, 0] { out.append(alphabet[Int(v >> UInt32(s) & 0x3F)]) }
            i += 3
        }
        let rem = src.count - i
        if rem > 0 {
            var v = UInt32(src[i]) << 16
            if rem == 2 { v |= UInt32(src[i + 1]) << 8 }
            out.append(alphabet[Int(v >> 18 & 0x3F)])
            out.append(alphabet[Int(v >> 12 & 0x3F)])
            out.append(rem == 2 ? alphabet[Int(v >> 6 & 0x3F)] : UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func corrupt(_ i: Int) -> GoError { GoError("illegal base64 data at input byte \(i)") }

    /// StdEncoding.DecodeString.
    static func decode(_ src: [UInt8]) -> Result<[UInt8], GoError> {
        var out: [UInt8] = []
        var si = 0
        let nl = { (c: UInt8) in c == 0x0A || c == 0x0D }
        while si < src.count {
            var dbuf = [UInt8](repeating: 0, count: 4)
            var dlen = 4
            var j = 0
            var trailing: GoError?
            quantum: while j < 4 {
                if si == src.count {
                    if j == 0 { return .success(out) }
                    return .failure(corrupt(si - j))
                }
                let c = src[si]
                si += 1
                let v = decodeMap[Int(c)]
                if v != 0xFF { dbuf[j] = v; j += 1; continue }
                if nl(c) { continue }
                if c != UInt8(ascii: "=") { return .failure(corrupt(si - 1)) }
                switch j {
                case 0, 1: return .failure(corrupt(si - 1))
                case 2:
                    while si < src.count && nl(src[si]) { si += 1 }
                    if si == src.count { return .failure(corrupt(src.count)) }
                    if src[si] != UInt8(ascii: "=") { return .failure(corrupt(si - 1)) }
                    si += 1
                default: break
                }
                while si < src.count && nl(src[si]) { si += 1 }
                if si < src.count { trailing = corrupt(si) }
                dlen = j
                break quantum
            }
            let val = UInt32(dbuf[0]) << 18 | UInt32(dbuf[1]) << 12 | UInt32(dbuf[2]) << 6 | UInt32(dbuf[3])
            let bytes = [UInt8(val >> 16 & 0xFF), UInt8(val >> 8 & 0xFF), UInt8(val & 0xFF)]
            out.append(contentsOf: bytes.prefix(dlen - 1))
            if let trailing { return .failure(trailing) }
        }
        return .success(out)
    }
}

/// Go's encoding/base32 StdEncoding.
enum GoBase32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
    static let decodeMap: [UInt8] = {
        var m = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in alphabet.enumerated() { m[Int(c)] = UInt8(i) }
        return m
    }()

    static func encode(_ src: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < src.count {
            let chunk = Array(src[i..<Swift.min(i + 5, src.count)])
            var block = chunk + [UInt8](repeating: 0, count: 5 - chunk.count)
            var v: UInt64 = 0
            for b in block { v = v << 8 | UInt64(b) }
            let nchars = [0, 2, 4, 5, 7, 8][chunk.count]
            for k in 0..<8 {
                if k < nchars {
                    out.append(alphabet[Int(v >> UInt64(35 - 5 * k) & 0x1F)])
                } else {
                    out.append(UInt8(ascii: "="))
                }
            }
            block.removeAll()
            i += 5
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func corrupt(_ i: Int) -> GoError { GoError("illegal base32 data at input byte \(i)") }

    /// StdEncoding.DecodeString (newlines stripped first).
    static func decode(_ input: [UInt8]) -> Result<[UInt8], GoError> {
        let src = input.filter { $0 != 0x0A && $0 != 0x0D }
        let olen = src.count
        var s = src[...]
        var out: [UInt8] = []
        var end = false
        while !s.isEmpty && !end {
            var dbuf = [UInt8](repeating: 0, count: 8)
            var dlen = 8
            var j = 0
            while j < 8 {
                if s.isEmpty { return .failure(corrupt(olen - s.count - j)) }
                let c = s.first!
                s = s.dropFirst()
                if c == UInt8(ascii: "=") && j >= 2 && s.count < 8 {
                    if s.count + j < 7 { return .failure(corrupt(olen)) }
                    for k in 0..<(7 - j) where s.count > k && s[s.startIndex + k] != UInt8(ascii: "=") {
                        return .failure(corrupt(olen - s.count + k - 1))
                    }
                    dlen = j
                    end = true
                    if dlen == 1 || dlen == 3 || dlen == 6 { return .failure(corrupt(olen - s.count - 1)) }
                    break
                }
                dbuf[j] = decodeMap[Int(c)]
                if dbuf[j] == 0xFF { return .failure(corrupt(olen - s.count - 1)) }
                j += 1
            }
            var v: UInt64 = 0
            for d in dbuf { v = v << 5 | UInt64(d) }
            let bytes = (0..<5).map { UInt8(v >> UInt64(32 - 8 * $0) & 0xFF) }
            let n = [0, 0, 1, 1, 2, 3, 3, 4, 5][dlen]
            out.append(contentsOf: bytes.prefix(n))
        }
        return .success(out)
    }
}
