// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime

/// Go's `strconv.Unquote` / `UnquoteChar` for template string and character literals.
enum GoUnquote {
    struct Failure: Error {}

    /// Unquotes a `"…"`, `` `…` `` or `'…'` literal as Go's strconv.Unquote does.
    static func unquote(_ s: String) -> Result<String, Failure> {
        let b = Array(s.utf8)
        guard b.count >= 2, let q = b.first, b.last == q else { return .failure(Failure()) }
        if q == UInt8(ascii: "`") {
            let inner = b[1..<(b.count - 1)]
            if inner.contains(UInt8(ascii: "`")) { return .failure(Failure()) }
            // Go removes carriage returns from raw strings.
            return .success(String(decoding: inner.filter { $0 != 0x0D }, as: UTF8.self))
        }
        guard q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") else { return .failure(Failure()) }
        if q == UInt8(ascii: "\"") {
            // Go's fast path: no escape, no quote and no newline inside — the text between the quotes, as is
            // (a Swift string is valid UTF-8, as Go's fast path also requires).
            let inner = b[1..<(b.count - 1)]
            if !inner.contains(where: { $0 == UInt8(ascii: "\\") || $0 == q || $0 == 0x0A }) {
                return .success(String(decoding: inner, as: UTF8.self))
            }
        }
        var out: [UInt8] = []
        var i = 1
        let end = b.count - 1
        var runes = 0
        while i < end {
            let c = b[i]
            if c == q { return .failure(Failure()) }
            if q == UInt8(ascii: "\"") && c == 0x0A { return .failure(Failure()) }
            guard let (bytes, next) = unquoteChar(b, i, end: end, quote: q) else { return .failure(Failure()) }
            out.append(contentsOf: bytes)
            i = next
            runes += 1
        }
        if q == UInt8(ascii: "'") && runes != 1 { return .failure(Failure()) }
        // `\xff` and octal escapes may make bytes that are not UTF-8: Go keeps them, and so does GoByteString.
        return .success(GoByteString.string(out))
    }

    /// Decodes one (possibly escaped) character at `i`; returns its UTF-8 bytes and the next index.
    static func unquoteChar(_ b: [UInt8], _ i: Int, end: Int, quote: UInt8) -> ([UInt8], Int)? {
        let c = b[i]
        if c != UInt8(ascii: "\\") {
            // A literal rune: copy its UTF-8 bytes.
            var n = 1
            if c >= 0xF0 { n = 4 } else if c >= 0xE0 { n = 3 } else if c >= 0xC0 { n = 2 }
            guard i + n <= end else { return nil }
            return (Array(b[i..<(i + n)]), i + n)
        }
        guard i + 1 < end else { return nil }
        let e = b[i + 1]
        var j = i + 2
        func hex(_ count: Int) -> UInt32? {
            guard j + count <= end else { return nil }
            var v: UInt32 = 0
            for k in 0..<count {
                guard let d = hexDigit(b[j + k]) else { return nil }
                v = v * 16 + d
            }
            j += count
            return v
        }
        switch e {
        case UInt8(ascii: "a"): return ([0x07], j)
        case UInt8(ascii: "b"): return ([0x08], j)
        case UInt8(ascii: "f"): return ([0x0C], j)
        case UInt8(ascii: "n"): return ([0x0A], j)
        case UInt8(ascii: "r"): return ([0x0D], j)
        case UInt8(ascii: "t"): return ([0x09], j)
        case UInt8(ascii: "v"): return ([0x0B], j)
        case UInt8(ascii: "\\"): return ([0x5C], j)
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            guard e == quote else { return nil }
            return ([e], j)
        case UInt8(ascii: "x"):
            guard let v = hex(2) else { return nil }
            return ([UInt8(v)], j)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            guard let v = hex(e == UInt8(ascii: "u") ? 4 : 8), let s = Unicode.Scalar(v) else { return nil }
            return (Array(String(Character(s)).utf8), j)
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            j = i + 1
            guard j + 3 <= end else { return nil }
            var v: UInt32 = 0
            for k in 0..<3 {
                let d = b[j + k]
                guard d >= 0x30 && d <= 0x37 else { return nil }
                v = v * 8 + UInt32(d - 0x30)
            }
            guard v <= 255 else { return nil }
            return ([UInt8(v)], j + 3)
        default:
            return nil
        }
    }

    static func hexDigit(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x30...0x39: return UInt32(c - 0x30)
        case 0x61...0x66: return UInt32(c - 0x61 + 10)
        case 0x41...0x46: return UInt32(c - 0x41 + 10)
        default: return nil
        }
    }
}

/// Go's `parse.newNumber`: every interpretation (int, uint, float) of a numeric literal, with Go's errors.
enum NumberParser {
    struct Failure: Error { var message: String }

    static func parse(_ text: String, kind: Token.Kind) -> Result<NumberLiteral, Failure> {
        var n = NumberLiteral(text: text)
        if kind == .charConstant {
            let b = Array(text.utf8)
            // strconv.UnquoteChar refuses the quote itself unescaped: `''` is "invalid syntax" in Go.
            guard b.count >= 2, b[1] != UInt8(ascii: "'"), let (bytes, next) = GoUnquote.unquoteChar(b, 1, end: b.count, quote: UInt8(ascii: "'")) else {
                return .failure(Failure(message: "invalid syntax"))
            }
            guard next == b.count - 1, b[next] == UInt8(ascii: "'") else {
                return .failure(Failure(message: "malformed character constant: \(text)"))
            }
            let r: Int64
            if bytes.count == 1 {
                r = Int64(bytes[0])
            } else {
                r = Int64(String(decoding: bytes, as: UTF8.self).unicodeScalars.first?.value ?? 0xFFFD)
            }
            n.int64 = r
            n.isInt = true
            n.uint64 = UInt64(r)
            n.isUint = true
            n.float64 = Double(r)
            n.isFloat = true
            return .success(n)
        }
        if kind == .complex || text.hasSuffix("i") {
            // Complex constants are accepted by Go's parser but have no use in charts.
            return .failure(Failure(message: "complex constants are not supported: \(text)"))
        }
        let u = parseUint(text)
        if let u { n.isUint = true; n.uint64 = u }
        if let i = parseInt(text) {
            n.isInt = true
            n.int64 = i
            if i == 0 { n.isUint = true; n.uint64 = u ?? 0 }
        }
        if n.isInt {
            n.isFloat = true
            n.float64 = Double(n.int64)
        } else if n.isUint {
            n.isFloat = true
            n.float64 = Double(n.uint64)
        } else if let f = parseFloat(text) {
            if !text.contains(where: { ".eEpP".contains($0) }) {
                return .failure(Failure(message: "integer overflow: \(GoStrconv.quote(text))"))
            }
            n.isFloat = true
            n.float64 = f
            if !n.isInt, f.isFinite, f >= -9.223372036854775808e18, f < 9.223372036854775808e18, Double(Int64(f)) == f {
                n.isInt = true
                n.int64 = Int64(f)
            }
            if !n.isUint, f.isFinite, f >= 0, f < 1.8446744073709551616e19, Double(UInt64(f)) == f {
                n.isUint = true
                n.uint64 = UInt64(f)
            }
        }
        if !n.isInt && !n.isUint && !n.isFloat {
            return .failure(Failure(message: "illegal number syntax: \(GoStrconv.quote(text))"))
        }
        return .success(n)
    }

    /// Go's underscoreOK (one home: `GoStrconv.underscoreOK`).
    static func underscoreOK(_ s: [UInt8]) -> Bool { GoStrconv.underscoreOK(s) }

    /// strconv.ParseUint(s, 0, 64).
    static func parseUint(_ s: String) -> UInt64? {
        var b = Array(s.utf8)
        guard !b.isEmpty else { return nil }
        var base: UInt64 = 10
        var start = 0
        if b[0] == UInt8(ascii: "0") {
            if b.count >= 3, (b[1] | 0x20) == UInt8(ascii: "x") {
                base = 16; start = 2
            } else if b.count >= 3, (b[1] | 0x20) == UInt8(ascii: "o") {
                base = 8; start = 2
            } else if b.count >= 3, (b[1] | 0x20) == UInt8(ascii: "b") {
                base = 2; start = 2
            } else if b.count > 1 {
                base = 8; start = 1
            }
        }
        if b.contains(UInt8(ascii: "_")) {
            guard underscoreOK(b) else { return nil }
            b = b.filter { $0 != UInt8(ascii: "_") }
            // Recompute start after removing underscores right after the prefix.
        }
        guard start < b.count else { return nil }
        var v: UInt64 = 0
        for c in b[start...] {
            guard let d = GoUnquote.hexDigit(c).map(UInt64.init), d < base else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: base)
            let (a, o2) = m.addingReportingOverflow(d)
            if o1 || o2 { return nil }
            v = a
        }
        return v
    }

    /// strconv.ParseInt(s, 0, 64).
    static func parseInt(_ s: String) -> Int64? {
        var t = Substring(s)
        var neg = false
        if t.hasPrefix("+") { t = t.dropFirst() } else if t.hasPrefix("-") { neg = true; t = t.dropFirst() }
        guard let u = parseUint(String(t)) else { return nil }
        if neg {
            if u > UInt64(Int64.max) + 1 { return nil }
            return u == UInt64(Int64.max) + 1 ? Int64.min : -Int64(u)
        }
        if u > UInt64(Int64.max) { return nil }
        return Int64(u)
    }

    /// strconv.ParseFloat(s, 64) for the forms the lexer produces (decimal and hexadecimal with exponent).
    static func parseFloat(_ s: String) -> Double? {
        var b = Array(s.utf8)
        if b.contains(UInt8(ascii: "_")) {
            guard underscoreOK(b) else { return nil }
            b = b.filter { $0 != UInt8(ascii: "_") }
        }
        var body = b[...]
        if let f = body.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") { body = body.dropFirst() }
        guard !body.isEmpty else { return nil }
        let isHex = body.count > 2 && body[body.startIndex] == UInt8(ascii: "0") && (body[body.startIndex + 1] | 0x20) == UInt8(ascii: "x")
        if isHex {
            // Go requires a 'p' exponent for hexadecimal floats.
            guard body.contains(where: { ($0 | 0x20) == UInt8(ascii: "p") }) else { return nil }
        } else {
            // Only digits, one '.', and an exponent.
            for c in body
            where !((c >= 0x30 && c <= 0x39) || c == UInt8(ascii: ".") || (c | 0x20) == UInt8(ascii: "e") || c == UInt8(ascii: "+") || c == UInt8(ascii: "-")) {
                return nil
            }
            if !body.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) { return nil }
        }
        return Double(String(decoding: b, as: UTF8.self))
    }
}
