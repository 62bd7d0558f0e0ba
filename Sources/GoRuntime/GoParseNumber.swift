// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
extension GoStrconv {
    /// What strconv.ParseFloat(s, 64) answers.
    public enum FloatParse: Sendable, Equatable {
        /// Parsed.
        case value(Double)
        /// Well formed but out of range: Go returns ±Inf with `ErrRange`.
        case outOfRange(Double)
        /// Not a float (`ErrSyntax`).
        case syntaxError
    }

    /// strconv.ParseFloat(s, 64): Go's float literal syntax (decimal, and hexadecimal only with a `p`
    /// exponent), underscores only where `underscoreOK` allows them, `inf`/`infinity`/`nan` in any case with an
    /// optional sign; no surrounding spaces. Overflow is a range error (±Inf), as in Go.
    public static func parseFloat(_ s: String) -> FloatParse {
        var b = Array(s.utf8)
        var body = b[...]
        var negative = false
        if let f = body.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") {
            negative = f == UInt8(ascii: "-")
            body = body.dropFirst()
        }
        let lower = String(decoding: body.map { $0 | 0x20 }, as: UTF8.self)
        if lower == "inf" || lower == "infinity" { return .value(negative ? -.infinity : .infinity) }
        if lower == "nan" { return .value(.nan) }
        guard !body.isEmpty else { return .syntaxError }
        if b.contains(UInt8(ascii: "_")) {
            guard underscoreOK(b) else { return .syntaxError }
            b = b.filter { $0 != UInt8(ascii: "_") }
            body = b[...]
            if let f = body.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") { body = body.dropFirst() }
        }
        func isDigit(_ c: UInt8, hex: Bool) -> Bool {
            (c >= 0x30 && c <= 0x39) || (hex && (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "f"))
        }
        var i = body.startIndex
        let hex = body.count > 2 && body[i] == UInt8(ascii: "0") && (body[i + 1] | 0x20) == UInt8(ascii: "x")
        if hex { i += 2 }
        var mantissaDigits = 0
        var sawDot = false
        while i < body.endIndex {
            let c = body[i]
            if isDigit(c, hex: hex) {
                mantissaDigits += 1
            } else if c == UInt8(ascii: "."), !sawDot {
                sawDot = true
            } else {
                break
            }
            i += 1
        }
        guard mantissaDigits > 0 else { return .syntaxError }
        let expMark: UInt8 = hex ? UInt8(ascii: "p") : UInt8(ascii: "e")
        if i < body.endIndex, body[i] | 0x20 == expMark {
            i += 1
            if i < body.endIndex, body[i] == UInt8(ascii: "+") || body[i] == UInt8(ascii: "-") { i += 1 }
            var expDigits = 0
            while i < body.endIndex, isDigit(body[i], hex: false) { expDigits += 1; i += 1 }
            guard expDigits > 0 else { return .syntaxError }
        } else if hex {
            // Go requires a 'p' exponent for hexadecimal floats.
            return .syntaxError
        }
        guard i == body.endIndex, let d = Double(String(decoding: b, as: UTF8.self)) else { return .syntaxError }
        return d.isInfinite ? .outOfRange(d) : .value(d)
    }

    /// Go's underscoreOK: underscores only between digits, or between a base prefix and a digit.
    public static func underscoreOK(_ s: [UInt8]) -> Bool {
        var saw: UInt8 = UInt8(ascii: "^")
        var i = 0
        if !s.isEmpty && (s[0] == UInt8(ascii: "-") || s[0] == UInt8(ascii: "+")) { i = 1 }
        var hex = false
        if s.count - i >= 2 && s[i] == UInt8(ascii: "0") {
            let c = s[i + 1] | 0x20
            if c == UInt8(ascii: "b") || c == UInt8(ascii: "o") || c == UInt8(ascii: "x") {
                hex = c == UInt8(ascii: "x")
                i += 2
                saw = UInt8(ascii: "0")
            }
        }
        while i < s.count {
            let c = s[i]
            let lower = c | 0x20
            if (c >= 0x30 && c <= 0x39) || (hex && lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "f")) {
                saw = UInt8(ascii: "0")
            } else if c == UInt8(ascii: "_") {
                if saw != UInt8(ascii: "0") { return false }
                saw = UInt8(ascii: "_")
            } else {
                if saw == UInt8(ascii: "_") { return false }
                saw = UInt8(ascii: "!")
            }
            i += 1
        }
        return saw != UInt8(ascii: "_")
    }
}
