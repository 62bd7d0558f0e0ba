// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import GoTemplate

extension Sprig {
    /// Sprig's conversion functions (spf13/cast's lenient rules, `strconv` for `atoi` and `toDecimal`).
    static func registerConversion(into t: inout FunctionTable) {
        t.register(
            "toString",
            GoFunction([.any]) { a throws(GoError) in
                try GoFmt.checkPrintable(a)
                return .string(Cast.strval(a[0]))
            })
        t.register("int", GoFunction([.any]) { a in .goInt(Cast.toInt64(a[0])) })
        t.register("int64", GoFunction([.any]) { a in .int64(Cast.toInt64(a[0])) })
        t.register("float64", GoFunction([.any]) { a in .float(Cast.toFloat64(a[0])) })
        t.register("atoi", GoFunction([.string]) { a in .goInt(parseInt(str(a[0]), base: 10, clamp: true) ?? 0) })
        t.register("toDecimal", GoFunction([.any]) { a in .int64(parseInt(GoFmt.sprint([a[0]]), base: 8) ?? 0) })
    }

    /// `strconv.ParseInt(s, base, 64)` for an explicit base: optional sign, digits only. Out-of-range values
    /// are errors, or (`clamp`, as `strconv.Atoi` leaves them) the nearest representable value.
    static func parseInt(_ s: String, base: Int, clamp: Bool = false) -> Int? {
        var t = Substring(s)
        var neg = false
        if t.hasPrefix("-") { neg = true; t = t.dropFirst() } else if t.hasPrefix("+") { t = t.dropFirst() }
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && $0.isHexDigit }) else { return nil }
        guard t.allSatisfy({ $0.hexDigitValue.map { $0 < base } ?? false }) else { return nil }
        guard let mag = UInt64(t, radix: base) else { return clamp ? (neg ? Int.min : Int.max) : nil }
        if neg {
            if mag > UInt64(Int.max) + 1 { return clamp ? Int.min : nil }
            return mag == UInt64(Int.max) + 1 ? Int.min : -Int(mag)
        }
        return mag > UInt64(Int.max) ? (clamp ? Int.max : nil) : Int(mag)
    }
}
