// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import GoRuntime
import GoTemplate

extension Sprig {
    /// Sprig's math functions: int64 arithmetic through cast.ToInt64, float arithmetic through
    /// shopspring/decimal, and the float64 helpers (floor, ceil, round, maxf, minf, seq).
    static func registerMath(into t: inout FunctionTable) {
        t.register("add", GoFunction([], variadic: .any) { a in .int64(a.reduce(0) { $0 &+ Cast.toInt64($1) }) })
        t.register("add1", GoFunction([.any]) { a in .int64(Cast.toInt64(a[0]) &+ 1) })
        t.register("sub", GoFunction([.any, .any]) { a in .int64(Cast.toInt64(a[0]) &- Cast.toInt64(a[1])) })
        t.register(
            "mul",
            GoFunction([.any], variadic: .any) { a in
                .int64(a.dropFirst().reduce(Cast.toInt64(a[0])) { $0 &* Cast.toInt64($1) })
            })
        t.register(
            "div",
            GoFunction([.any, .any]) { a throws(GoError) in
                .int64(try goDivide(Cast.toInt64(a[0]), Cast.toInt64(a[1])).quotient)
            })
        t.register(
            "mod",
            GoFunction([.any, .any]) { a throws(GoError) in
                .int64(try goDivide(Cast.toInt64(a[0]), Cast.toInt64(a[1])).remainder)
            })
        let maxFn = GoFunction([.any], variadic: .any) { a in
            .int64(a.dropFirst().reduce(Cast.toInt64(a[0])) { Swift.max($0, Cast.toInt64($1)) })
        }
        t.register("max", maxFn)
        t.register("biggest", maxFn)
        t.register(
            "min",
            GoFunction([.any], variadic: .any) { a in
                .int64(a.dropFirst().reduce(Cast.toInt64(a[0])) { Swift.min($0, Cast.toInt64($1)) })
            })
        t.register(
            "maxf",
            GoFunction([.any], variadic: .any) { a in
                .float(a.dropFirst().reduce(Cast.toFloat64(a[0])) { goMax($0, Cast.toFloat64($1)) })
            })
        t.register(
            "minf",
            GoFunction([.any], variadic: .any) { a in
                .float(a.dropFirst().reduce(Cast.toFloat64(a[0])) { goMin($0, Cast.toFloat64($1)) })
            })
        t.register("floor", GoFunction([.any]) { a in .float(Cast.toFloat64(a[0]).rounded(.down)) })
        t.register("ceil", GoFunction([.any]) { a in .float(Cast.toFloat64(a[0]).rounded(.up)) })
        t.register(
            "round",
            GoFunction([.any, .int], variadic: .float64) { a in
                var roundOn = 0.5
                if a.count > 2, case .float(let r) = a[2] { roundOn = r }
                guard case .int(let places, _) = a[1] else { return .float(0) }
                return .float(round(Cast.toFloat64(a[0]), places: places, roundOn: roundOn))
            })
        t.register(
            "seq",
            GoFunction([], variadic: .int) { a in
                .string(seq(a.map { if case .int(let i, _) = $0 { return i } else { return 0 } }))
            })
        t.register(
            "randInt",
            GoFunction([.int, .int]) { a throws(GoError) in
                guard case .int(let lo, _) = a[0], case .int(let hi, _) = a[1] else { return .goInt(0) }
                let (n, overflow) = hi.subtractingReportingOverflow(lo)
                if n <= 0 || overflow { throw GoError("invalid argument to Intn") }
                return .goInt(Int.random(in: 0..<n) &+ lo)
            })

        t.register(
            "add1f",
            GoFunction([.any]) { a throws(GoError) in
                .float(try decimalOp(a[0], [.goInt(1)]) { x, y throws(GoError) in x + y })
            })
        t.register(
            "addf",
            GoFunction([], variadic: .any) { a throws(GoError) in
                .float(try decimalOp(.float(0), a) { x, y throws(GoError) in x + y })
            })
        t.register(
            "subf",
            GoFunction([.any], variadic: .any) { a throws(GoError) in
                .float(try decimalOp(a[0], Array(a.dropFirst())) { x, y throws(GoError) in x - y })
            })
        t.register(
            "mulf",
            GoFunction([.any], variadic: .any) { a throws(GoError) in
                .float(try decimalOp(a[0], Array(a.dropFirst())) { x, y throws(GoError) in x * y })
            })
        t.register(
            "divf",
            GoFunction([.any], variadic: .any) { a throws(GoError) in
                .float(
                    try decimalOp(a[0], Array(a.dropFirst())) { x, y throws(GoError) in
                        guard let q = x.divided(by: y, places: 16) else { throw GoError("decimal division by 0") }
                        return q
                    })
            })
    }

    /// Go's int64 `/` and `%`: truncating, wrapping on MinInt64 / -1, panicking on zero.
    static func goDivide(_ a: Int, _ b: Int) throws(GoError) -> (quotient: Int, remainder: Int) {
        if b == 0 { throw GoError("runtime error: integer divide by zero") }
        if b == -1 { return (0 &- a, 0) }
        return (a / b, a % b)
    }

    /// Go's math.Max: NaN wins, +0 beats -0.
    static func goMax(_ x: Double, _ y: Double) -> Double {
        if x.isNaN || y.isNaN { return .nan }
        if x == 0 && y == 0 { return x.sign == .minus ? y : x }
        return x > y ? x : y
    }

    /// Go's math.Min: NaN wins, -0 beats +0.
    static func goMin(_ x: Double, _ y: Double) -> Double {
        if x.isNaN || y.isNaN { return .nan }
        if x == 0 && y == 0 { return x.sign == .minus ? x : y }
        return x < y ? x : y
    }

    /// Sprig's round: scale by 10^places, ceil when the fraction is at least `roundOn`, else floor.
    static func round(_ val: Double, places: Int, roundOn: Double) -> Double {
        let pow = goPow(10, Double(places))
        let digit = pow * val
        // math.Modf: the fraction keeps the sign of the value.
        let frac = digit - digit.rounded(.towardZero)
        let r = frac >= roundOn ? digit.rounded(.up) : digit.rounded(.down)
        return r / pow
    }

    /// Go's math.Pow(x, y) for an integral `y` (Sprig's `round` passes an int): Go's own algorithm — repeated
    /// squaring of Frexp's fraction, then Ldexp — so the rounding errors are Go's (`round -1.5 64` is
    /// `-1.4999999999999998` in Helm because Go's 10⁶⁴ is not the nearest double), and a huge power is ±Inf or 0
    /// where Go's is (`round 100.0 9223372036854775807` is NaN in Helm).
    static func goPow(_ x: Double, _ y: Double) -> Double {
        if y == 0 || x == 1 { return 1 }
        if y == 1 { return x }
        if x.isNaN || y.isNaN { return .nan }
        if y.isInfinite {
            if x == -1 { return 1 }
            return (x.magnitude < 1) == (y > 0) ? 0 : .infinity
        }
        let yAbs = y.magnitude
        let yi = yAbs.rounded(.towardZero)
        // Fractional exponents never reach here from Sprig (round's places is an int); Foundation's pow is
        // close enough for them.
        guard yi == yAbs, x.isFinite, x != 0 else { return Foundation.pow(x, y) }
        if yi >= 9.223372036854775808e18 {
            if x == -1 { return 1 }
            return (x.magnitude < 1) == (y > 0) ? 0 : .infinity
        }
        var a1 = 1.0
        var ae = 0
        // Frexp: x = x1 · 2^xe with x1 in [0.5, 1).
        var x1 = x.significand / 2 * (x.sign == .minus ? -1 : 1)
        var xe = Int(x.exponent) + 1
        var i = Int64(yi)
        while i != 0 {
            if xe < -(1 << 12) || (1 << 12) < xe {
                // Catastrophic overflow: the loop would overflow.
                ae += xe
                break
            }
            if i & 1 == 1 {
                a1 *= x1
                ae += xe
            }
            x1 *= x1
            xe <<= 1
            if x1 < 0.5 {
                x1 += x1
                xe -= 1
            }
            i >>= 1
        }
        if y < 0 {
            a1 = 1 / a1
            ae = -ae
        }
        // Ldexp, with Go's clamping of an exponent far out of range.
        let clamped = max(-100_000, min(100_000, ae))
        return Foundation.scalbn(a1, clamped)
    }

    /// Sprig's untilStep as plain integers (seq's helper).
    static func untilStepInts(_ start: Int, _ stop: Int, _ step: Int) -> [Int] {
        var v: [Int] = []
        if stop < start {
            if step >= 0 { return v }
            var i = start
            while i > stop { v.append(i); let (n, o) = i.addingReportingOverflow(step); if o { break }; i = n }
            return v
        }
        if step <= 0 { return v }
        var i = start
        while i < stop { v.append(i); let (n, o) = i.addingReportingOverflow(step); if o { break }; i = n }
        return v
    }

    /// Sprig's seq: `seq END`, `seq START END`, `seq START STEP END`, space-separated.
    static func seq(_ p: [Int]) -> String {
        var increment = 1
        let values: [Int]
        switch p.count {
        case 1:
            let start = 1, end = p[0]
            if end < start { increment = -1 }
            values = untilStepInts(start, end &+ increment, increment)
        case 2:
            let start = p[0], end = p[1]
            let step = end < start ? -1 : 1
            values = untilStepInts(start, end &+ step, step)
        case 3:
            let start = p[0], step = p[1], end = p[2]
            if end < start {
                increment = -1
                if step > 0 { return "" }
            }
            values = untilStepInts(start, end &+ increment, step)
        default:
            return ""
        }
        return values.map(String.init).joined(separator: " ")
    }

    /// Sprig's execDecimalOp: every operand through cast.ToFloat64 and decimal.NewFromFloat, the result back
    /// through big.Rat's correctly rounded Float64.
    static func decimalOp(
        _ first: Value, _ rest: [Value],
        _ op: (GoDecimal, GoDecimal) throws(GoError) -> GoDecimal
    ) throws(GoError) -> Double {
        var acc = try GoDecimal(float: Cast.toFloat64(first))
        for x in rest {
            acc = try op(acc, GoDecimal(float: Cast.toFloat64(x)))
        }
        return acc.doubleValue
    }
}

/// An arbitrary-precision decimal, `coefficient × 10^exponent`, with the operations Sprig uses from
/// shopspring/decimal (add, sub, mul, and division rounded half away from zero to a number of places).
struct GoDecimal: Sendable, Equatable {
    var negative: Bool
    /// Decimal digits, most significant first, no leading zeros (empty for zero).
    var digits: [UInt8]
    var exponent: Int

    init(negative: Bool, digits: [UInt8], exponent: Int) {
        var d = digits[...]
        while let f = d.first, f == 0 { d = d.dropFirst() }
        self.digits = Array(d)
        self.negative = self.digits.isEmpty ? false : negative
        self.exponent = exponent
    }

    /// decimal.NewFromFloat: the shortest decimal that reads back as the same float64.
    init(float f: Double) throws(GoError) {
        guard f.isFinite else {
            throw GoError("Cannot create a Decimal from \(f.isNaN ? "NaN" : (f > 0 ? "+Inf" : "-Inf"))")
        }
        if f == 0 { self.init(negative: false, digits: [], exponent: 0); return }
        // Swift's description is the shortest round-tripping representation, like Go's 'g' -1.
        let s = f.magnitude.description
        var mantissa = Substring(s)
        var exp = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = s[..<e]
            exp = Int(s[s.index(after: e)...]) ?? 0
        }
        var ds: [UInt8] = []
        for c in mantissa {
            if c == "." { continue }
            if let v = c.wholeNumberValue { ds.append(UInt8(v)) }
        }
        if let dot = mantissa.firstIndex(of: ".") {
            exp -= mantissa.distance(from: mantissa.index(after: dot), to: mantissa.endIndex)
        }
        // Strip trailing zeros ("3.0" → 3).
        while ds.count > 1, ds.last == 0 { ds.removeLast(); exp += 1 }
        self.init(negative: f < 0, digits: ds, exponent: exp)
    }

    var isZero: Bool { digits.isEmpty }

    /// big.Rat's Float64: the nearest float64 (strtod is correctly rounded).
    var doubleValue: Double {
        if isZero { return 0 }
        let text = (negative ? "-" : "") + digits.map { String($0) }.joined() + "e\(exponent)"
        return Double(text) ?? 0
    }

    /// The coefficient scaled to exponent `e` (≤ own exponent).
    private func digits(at e: Int) -> [UInt8] {
        digits + [UInt8](repeating: 0, count: exponent - e)
    }

    static func + (a: GoDecimal, b: GoDecimal) -> GoDecimal {
        let e = Swift.min(a.exponent, b.exponent)
        let x = a.digits(at: e), y = b.digits(at: e)
        if a.negative == b.negative {
            return GoDecimal(negative: a.negative, digits: BigDigits.add(x, y), exponent: e)
        }
        if BigDigits.compare(x, y) >= 0 {
            return GoDecimal(negative: a.negative, digits: BigDigits.sub(x, y), exponent: e)
        }
        return GoDecimal(negative: b.negative, digits: BigDigits.sub(y, x), exponent: e)
    }

    static prefix func - (a: GoDecimal) -> GoDecimal {
        GoDecimal(negative: !a.negative, digits: a.digits, exponent: a.exponent)
    }

    static func - (a: GoDecimal, b: GoDecimal) -> GoDecimal { a + (-b) }

    static func * (a: GoDecimal, b: GoDecimal) -> GoDecimal {
        GoDecimal(
            negative: a.negative != b.negative, digits: BigDigits.mul(a.digits, b.digits),
            exponent: a.exponent + b.exponent)
    }

    /// decimal.DivRound(b, places): the quotient truncated to `places` decimals, then rounded half away
    /// from zero by comparing twice the remainder with the divisor. Nil when dividing by zero.
    func divided(by b: GoDecimal, places: Int) -> GoDecimal? {
        if b.isZero { return nil }
        // q = trunc(a / b × 10^places); the quotient has exponent -places.
        // a/b × 10^places = (ca × 10^(ea - eb + places)) / cb
        let shift = exponent - b.exponent + places
        var num = digits, den = b.digits
        if shift >= 0 { num += [UInt8](repeating: 0, count: shift) } else { den += [UInt8](repeating: 0, count: -shift) }
        var (q, r) = BigDigits.divMod(num, den)
        if BigDigits.compare(BigDigits.add(r, r), den) >= 0 {
            q = BigDigits.add(q, [1])
        }
        return GoDecimal(negative: negative != b.negative, digits: q, exponent: -places)
    }
}

/// Unsigned big integers as decimal digit arrays, most significant first.
enum BigDigits {
    static func trim(_ a: [UInt8]) -> [UInt8] {
        guard let i = a.firstIndex(where: { $0 != 0 }) else { return [] }
        return Array(a[i...])
    }

    static func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        let x = trim(a), y = trim(b)
        if x.count != y.count { return x.count < y.count ? -1 : 1 }
        for (p, q) in zip(x, y) where p != q { return p < q ? -1 : 1 }
        return 0
    }

    static func add(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = a.count - 1, j = b.count - 1, carry: UInt8 = 0
        while i >= 0 || j >= 0 || carry > 0 {
            var s = carry
            if i >= 0 { s += a[i] }
            if j >= 0 { s += b[j] }
            out.append(s % 10)
            carry = s / 10
            i -= 1; j -= 1
        }
        return trim(out.reversed())
    }

    /// a - b for a ≥ b.
    static func sub(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = a.count - 1, j = b.count - 1, borrow = 0
        while i >= 0 {
            var d = Int(a[i]) - borrow - (j >= 0 ? Int(b[j]) : 0)
            if d < 0 { d += 10; borrow = 1 } else { borrow = 0 }
            out.append(UInt8(d))
            i -= 1; j -= 1
        }
        return trim(out.reversed())
    }

    static func mul(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        if a.isEmpty || b.isEmpty { return [] }
        var acc = [Int](repeating: 0, count: a.count + b.count)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                acc[i + j + 1] += Int(a[i]) * Int(b[j])
            }
        }
        for k in stride(from: acc.count - 1, to: 0, by: -1) {
            acc[k - 1] += acc[k] / 10
            acc[k] %= 10
        }
        return trim(acc.map { UInt8($0) })
    }

    /// Schoolbook long division; `b` must be non-zero.
    static func divMod(_ a: [UInt8], _ b: [UInt8]) -> (quotient: [UInt8], remainder: [UInt8]) {
        let den = trim(b)
        var q: [UInt8] = []
        var r: [UInt8] = []
        for d in a {
            r = trim(r + [d])
            var count: UInt8 = 0
            while compare(r, den) >= 0 {
                r = sub(r, den)
                count += 1
            }
            q.append(count)
        }
        return (trim(q), r)
    }
}
