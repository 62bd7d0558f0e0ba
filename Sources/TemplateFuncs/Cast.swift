// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime

/// Conversions Sprig makes through spf13/cast and its own `strval`, with their lenient Go rules.
public enum Cast {
    /// Sprig's `strval`: strings as is, bytes as text, Stringers through `String()`, anything else `%v`.
    public static func strval(_ v: Value) -> String {
        switch v {
        case .string(let s): return s
        case .bytes(let b): return GoByteString.string(b)
        case .object(let o): return o.errorText ?? o.stringer ?? v.goDescription
        default: return v.goDescription
        }
    }

    /// cast.ToInt64: numbers truncate, strings parse (base prefixes allowed, failures give 0), bools 1/0, nil 0.
    public static func toInt64(_ v: Value) -> Int {
        switch v {
        case .int(let i, _): return i
        case .float(let f):
            guard f.isFinite else { return Int.min }
            if f >= 9.223372036854775807e18 || f < -9.223372036854775808e18 { return Int.min }
            return Int(f)
        case .bool(let b): return b ? 1 : 0
        case .string(let s): return parseIntLenient(s) ?? 0
        default: return 0
        }
    }

    /// cast.ToFloat64. A string goes through strconv.ParseFloat and any error gives 0 (cast's rule): so
    /// `"1_000"` is 1000, `"0x1F"` (no `p` exponent) and `"1e400"` (out of range) are 0.
    public static func toFloat64(_ v: Value) -> Double {
        switch v {
        case .int(let i, _): return Double(i)
        case .float(let f): return f
        case .bool(let b): return b ? 1 : 0
        case .string(let s):
            if case .value(let d) = GoStrconv.parseFloat(s) { return d }
            return 0
        default: return 0
        }
    }

    /// cast's string → int: `strconv.ParseInt(trimZeroDecimal(s), 0, 0)`.
    static func parseIntLenient(_ s: String) -> Int? {
        var t = Substring(s)
        // trimZeroDecimal: "12.000" → "12"
        if let dot = t.firstIndex(of: "."), t.index(after: dot) < t.endIndex,
            t[t.index(after: dot)...].allSatisfy({ $0 == "0" })
        {
            t = t[..<dot]
        }
        // strconv.ParseInt with base 0: underscores only where Go's underscoreOK allows (`"_42_"` is 0).
        if t.contains("_") && !GoStrconv.underscoreOK(Array(t.utf8)) { return nil }
        var neg = false
        if t.hasPrefix("-") { neg = true; t = t.dropFirst() } else if t.hasPrefix("+") { t = t.dropFirst() }
        var base = 10
        if t.hasPrefix("0x") || t.hasPrefix("0X") {
            base = 16; t = t.dropFirst(2)
        } else if t.hasPrefix("0b") || t.hasPrefix("0B") {
            base = 2; t = t.dropFirst(2)
        } else if t.hasPrefix("0o") || t.hasPrefix("0O") {
            base = 8; t = t.dropFirst(2)
        } else if t.count > 1 && t.hasPrefix("0") {
            base = 8; t = t.dropFirst()
        }
        let digits = t.filter { $0 != "_" }
        guard !digits.isEmpty, let v = UInt64(digits, radix: base) else { return nil }
        if neg { return v <= UInt64(Int.max) ? -Int(v) : (v == UInt64(Int.max) + 1 ? Int.min : nil) }
        return v <= UInt64(Int.max) ? Int(v) : nil
    }
}
