// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0

/// A duration Go's time.ParseDuration refuses, in Go's words (`time: invalid duration "x"`).
public struct GoDurationError: Error, Sendable, Hashable {
    /// Go's error text.
    public var message: String
    init(_ message: String) { self.message = message }
}

/// Go's time.Duration text: Sprig's duration functions and every `--timeout`-style flag read it the same way.
public enum GoDuration {
    /// Go's time.ParseDuration: nanoseconds, or Go's error text.
    public static func parse(_ orig: String) -> Result<Int64, GoDurationError> {
        let bad = GoDurationError("time: invalid duration " + timeQuote(orig))
        var s = Array(orig.utf8)[...]
        var d: UInt64 = 0
        var neg = false
        if let c = s.first, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
            neg = c == UInt8(ascii: "-")
            s = s.dropFirst()
        }
        if s.elementsEqual("0".utf8) { return .success(0) }
        if s.isEmpty { return .failure(bad) }
        let isDigit = { (c: UInt8) in c >= 48 && c <= 57 }
        while let c0 = s.first {
            guard c0 == UInt8(ascii: ".") || isDigit(c0) else { return .failure(bad) }
            // leadingInt
            var v: UInt64 = 0
            let pl = s.count
            while let c = s.first, isDigit(c) {
                if v > (1 << 63 - 1) / 10 { return .failure(bad) }
                v = v * 10 + UInt64(c - 48)
                if v > 1 << 63 { return .failure(bad) }
                s = s.dropFirst()
            }
            let pre = pl != s.count
            var f: UInt64 = 0, scale = 1.0, post = false
            if s.first == UInt8(ascii: ".") {
                s = s.dropFirst()
                let pl2 = s.count
                var overflow = false
                while let c = s.first, isDigit(c) {
                    s = s.dropFirst()
                    if overflow { continue }
                    if f > (1 << 63 - 1) / 10 { overflow = true; continue }
                    let y = f * 10 + UInt64(c - 48)
                    if y > 1 << 63 { overflow = true; continue }
                    f = y
                    scale *= 10
                }
                post = pl2 != s.count
            }
            if !pre && !post { return .failure(bad) }
            var i = s.startIndex
            while i < s.endIndex, s[i] != UInt8(ascii: "."), !isDigit(s[i]) { i += 1 }
            if i == s.startIndex { return .failure(GoDurationError("time: missing unit in duration " + timeQuote(orig))) }
            let u = String(decoding: s[s.startIndex..<i], as: UTF8.self)
            s = s[i...]
            let unit: UInt64
            switch u {
            case "ns": unit = 1
            case "us", "µs", "μs": unit = 1000
            case "ms": unit = 1_000_000
            case "s": unit = 1_000_000_000
            case "m": unit = 60_000_000_000
            case "h": unit = 3_600_000_000_000
            default: return .failure(GoDurationError("time: unknown unit " + timeQuote(u) + " in duration " + timeQuote(orig)))
            }
            if v > (1 << 63) / unit { return .failure(bad) }
            v *= unit
            if f > 0 {
                v += UInt64(Double(f) * (Double(unit) / scale))
                if v > 1 << 63 { return .failure(bad) }
            }
            d += v
            if d > 1 << 63 { return .failure(bad) }
        }
        if neg { return .success(Int64(bitPattern: 0 &- d)) }
        if d > 1 << 63 - 1 { return .failure(bad) }
        return .success(Int64(d))
    }

    /// The time package's quote: ASCII kept (with `"` and `\` escaped), everything else as `\x` bytes.
    public static func timeQuote(_ s: String) -> String {
        var out = "\""
        let hex = Array("0123456789abcdef")
        for b in s.utf8 {
            if b >= 0x80 || b < 0x20 {
                out += "\\x"
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 15)])
            } else {
                if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { out += "\\" }
                out.append(Character(UnicodeScalar(b)))
            }
        }
        return out + "\""
    }
}
