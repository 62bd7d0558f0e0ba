// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
// Go's strconv float formatting (FormatFloat / AppendFloat), reproduced byte for byte.
//
// Digits come from two sources:
// - shortest (precision -1): the shortest decimal that round-trips, and of those the closest to the exact
//   binary value. Integers below 2^53 are done directly; everything else takes the digits of Swift's
//   `description`, which is specified to produce exactly that decimal (as Go's Ryu does).
// - fixed precision: an exact decimal expansion of the binary value (`ExactDecimal`), rounded half-to-even on
//   the exact value, as Go's multiprecision path does (its Ryu fixed path gives the same digits).

/// A sequence of decimal digits `0.d₀d₁…d₍nd₋₁₎ × 10^dp` with no trailing zeros; zero has `nd == 0`.
protocol DecimalDigitSequence {
    /// Number of digits.
    var nd: Int { get }
    /// Position of the decimal point relative to the first digit.
    var dp: Int { get }
    /// The ASCII digit at `i` (`0 <= i < nd`).
    func digit(_ i: Int) -> UInt8
}

/// Up to 19 digits held in a `UInt64` (the shortest form of any float64 has at most 17).
struct ShortDigits: DecimalDigitSequence {
    var mant: UInt64
    var nd: Int
    var dp: Int

    static let pow10: [UInt64] = {
        var t = [UInt64](repeating: 1, count: 20)
        for i in 1..<20 { t[i] = t[i - 1] &* 10 }
        return t
    }()

    func digit(_ i: Int) -> UInt8 {
        let q = mant / ShortDigits.pow10[nd - 1 - i]
        return UInt8(truncatingIfNeeded: q % 10) &+ 48
    }
}

/// Digits held in an array (results of exact rounding).
struct ArrayDigits: DecimalDigitSequence {
    /// ASCII digits.
    var d: [UInt8]
    var dp: Int
    var nd: Int { d.count }
    func digit(_ i: Int) -> UInt8 { d[i] }
}

/// An exact decimal number: digit values (0…9, most significant first, no leading or trailing zeros) and
/// the decimal point position: value = 0.d₀d₁… × 10^dp. Enough for every float64 (at most 767 digits).
struct ExactDecimal {
    var d: [UInt8] = []
    var dp = 0

    /// The exact value of `mant × 2^exp2`.
    init(mant: UInt64, exp2: Int) {
        guard mant != 0 else { return }
        var m = mant
        var tmp: [UInt8] = []
        tmp.reserveCapacity(24)
        while m > 0 {
            tmp.append(UInt8(m % 10))
            m /= 10
        }
        d = tmp.reversed()
        dp = d.count
        trim()
        var e = exp2
        d.reserveCapacity(e < 0 ? 800 : 340)
        while e > 0 {
            let s = min(e, 59)
            multiply(by: UInt64(1) << UInt64(s))
            e -= s
        }
        while e < 0 {
            // x / 2^s = x * 5^s / 10^s
            let s = min(-e, 25)
            var p: UInt64 = 1
            for _ in 0..<s { p *= 5 }
            multiply(by: p)
            dp -= s
            e += s
        }
    }

    /// Multiplies the digit string by `k` (< 2^60 / 10 for 2^59, 5^25 otherwise) keeping the point's place
    /// relative to the end.
    private mutating func multiply(by k: UInt64) {
        guard !d.isEmpty else { return }
        var out: [UInt8] = []
        out.reserveCapacity(d.count + 20)
        var carry: UInt64 = 0
        var i = d.count - 1
        while i >= 0 {
            let n = UInt64(d[i]) &* k &+ carry
            out.append(UInt8(n % 10))
            carry = n / 10
            i -= 1
        }
        while carry > 0 {
            out.append(UInt8(carry % 10))
            carry /= 10
        }
        out.reverse()
        dp += out.count - d.count
        d = out
        trim()
    }

    private mutating func trim() {
        var n = d.count
        while n > 0 && d[n - 1] == 0 { n -= 1 }
        if n < d.count { d.removeSubrange(n...) }
        if d.isEmpty { dp = 0 }
    }

    private func shouldRoundUp(_ nd: Int) -> Bool {
        if nd < 0 || nd >= d.count { return false }
        if d[nd] == 5 && nd + 1 == d.count {  // exactly half: to even
            return nd > 0 && d[nd - 1] % 2 == 1
        }
        return d[nd] >= 5
    }

    /// Rounds to `nd` digits, half to even on the exact value.
    mutating func round(_ nd: Int) {
        if nd < 0 || nd >= d.count { return }
        if shouldRoundUp(nd) {
            var i = nd - 1
            while i >= 0 {
                if d[i] < 9 {
                    d[i] += 1
                    d.removeSubrange((i + 1)...)
                    return
                }
                i -= 1
            }
            d = [1]
            dp += 1
        } else {
            d.removeSubrange(nd...)
            trim()
        }
    }

    var digits: ArrayDigits { ArrayDigits(d: d.map { $0 &+ 48 }, dp: dp) }
}

/// Go's float formatting primitives.
enum GoFloatFormatter {
    static let lowerhex: [UInt8] = Array("0123456789abcdef".utf8)
    static let upperhex: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Appends `strconv.FormatFloat(v, fmt, prec, bitSize)` to `out`.
    static func append(_ v: Double, fmt: UInt8, prec precIn: Int, bitSize: Int, to out: inout [UInt8]) {
        var prec = precIn
        let neg: Bool
        var mant: UInt64
        var exp: Int  // unbiased exponent of the leading bit (Go's exp after adding bias)
        let mantbits: Int
        if bitSize == 32 {
            let f = Float(v)
            if f.isNaN { out.append(contentsOf: "NaN".utf8); return }
            if f.isInfinite { out.append(contentsOf: (f < 0 ? "-Inf" : "+Inf").utf8); return }
            neg = f.sign == .minus
            mant = UInt64(f.significandBitPattern)
            let e = Int(f.exponentBitPattern)
            mantbits = 23
            if e == 0 { exp = 1 } else { exp = e; mant |= UInt64(1) << 23 }
            exp += -127
        } else {
            if v.isNaN { out.append(contentsOf: "NaN".utf8); return }
            if v.isInfinite { out.append(contentsOf: (v < 0 ? "-Inf" : "+Inf").utf8); return }
            neg = v.sign == .minus
            mant = v.significandBitPattern
            let e = Int(v.exponentBitPattern)
            mantbits = 52
            if e == 0 { exp = 1 } else { exp = e; mant |= UInt64(1) << 52 }
            exp += -1023
        }

        switch fmt {
        case UInt8(ascii: "b"):
            appendB(neg: neg, mant: mant, exp: exp - mantbits, to: &out)
            return
        case UInt8(ascii: "x"), UInt8(ascii: "X"):
            appendX(prec: prec, fmt: fmt, neg: neg, mant: mant, exp: exp, mantbits: mantbits, to: &out)
            return
        case UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "f"), UInt8(ascii: "g"), UInt8(ascii: "G"):
            break
        default:
            out.append(UInt8(ascii: "%"))
            out.append(fmt)
            return
        }

        if prec < 0 {
            let digs = shortestDigits(abs(v), bitSize: bitSize)
            switch fmt {
            case UInt8(ascii: "e"), UInt8(ascii: "E"): prec = max(digs.nd - 1, 0)
            case UInt8(ascii: "f"): prec = max(digs.nd - digs.dp, 0)
            default: prec = digs.nd
            }
            formatDigits(shortest: true, neg: neg, digs: digs, prec: prec, fmt: fmt, to: &out)
            return
        }
        var dec = ExactDecimal(mant: mant, exp2: exp - mantbits)
        switch fmt {
        case UInt8(ascii: "e"), UInt8(ascii: "E"):
            dec.round(prec + 1)
        case UInt8(ascii: "f"):
            dec.round(dec.dp + prec)
        default:
            if prec == 0 { prec = 1 }
            dec.round(prec)
        }
        formatDigits(shortest: false, neg: neg, digs: dec.digits, prec: prec, fmt: fmt, to: &out)
    }

    /// The shortest round-tripping digits of a finite, non-negative value.
    static func shortestDigits(_ a: Double, bitSize: Int) -> ShortDigits {
        if a == 0 { return ShortDigits(mant: 0, nd: 0, dp: 0) }
        let intLimit: Double = bitSize == 32 ? 16_777_216 : 9_007_199_254_740_992
        if a < intLimit && a == a.rounded(.towardZero) {
            var m = UInt64(a)
            var nd = 0
            var t = m
            while t > 0 { nd += 1; t /= 10 }
            let dp = nd
            while m % 10 == 0 { m /= 10; nd -= 1 }
            return ShortDigits(mant: m, nd: nd, dp: dp)
        }
        let text = bitSize == 32 ? Float(a).description : a.description
        var mant: UInt64 = 0
        var nd = 0  // significant digits accumulated
        var pendingZeros = 0  // zeros after the last nonzero significant digit
        var digitsSeen = 0  // all digits before the exponent
        var beforeDot = -1  // digits before '.', once seen
        var firstNonzero = -1
        var exp = 0
        var expNeg = false
        var inExp = false
        for c in text.utf8 {
            if inExp {
                if c == UInt8(ascii: "-") { expNeg = true } else if c >= 48 && c <= 57 { exp = exp * 10 + Int(c - 48) }
                continue
            }
            switch c {
            case UInt8(ascii: "."):
                beforeDot = digitsSeen
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                inExp = true
            case 48...57:
                let v = UInt64(c - 48)
                if firstNonzero < 0 {
                    if v != 0 {
                        firstNonzero = digitsSeen
                        mant = v
                        nd = 1
                    }
                } else if v == 0 {
                    pendingZeros += 1
                } else if nd + pendingZeros < 19 {
                    for _ in 0..<pendingZeros { mant &*= 10 }
                    nd += pendingZeros
                    pendingZeros = 0
                    mant = mant &* 10 &+ v
                    nd += 1
                }
                digitsSeen += 1
            default:
                break
            }
        }
        if beforeDot < 0 { beforeDot = digitsSeen }
        if expNeg { exp = -exp }
        return ShortDigits(mant: mant, nd: nd, dp: beforeDot - max(firstNonzero, 0) + exp)
    }

    /// Go's formatDigits: %e, %f or %g layout of decimal digits.
    static func formatDigits<D: DecimalDigitSequence>(
        shortest: Bool, neg: Bool, digs: D, prec precIn: Int,
        fmt: UInt8, to out: inout [UInt8]
    ) {
        var prec = precIn
        switch fmt {
        case UInt8(ascii: "e"), UInt8(ascii: "E"):
            appendE(neg: neg, digs: digs, prec: prec, fmt: fmt, to: &out)
        case UInt8(ascii: "f"):
            appendF(neg: neg, digs: digs, prec: prec, to: &out)
        default:  // g, G
            var eprec = prec
            if eprec > digs.nd && digs.nd >= digs.dp { eprec = digs.nd }
            // %e is used if the exponent from the conversion is less than -4 or greater than or equal to
            // the precision; shortest formatting decides with precision 6.
            if shortest { eprec = 6 }
            let exp = digs.dp - 1
            if exp < -4 || exp >= eprec {
                if prec > digs.nd { prec = digs.nd }
                appendE(
                    neg: neg, digs: digs, prec: prec - 1, fmt: fmt &+ (UInt8(ascii: "e") &- UInt8(ascii: "g")),
                    to: &out)
                return
            }
            if prec > digs.dp { prec = digs.nd }
            appendF(neg: neg, digs: digs, prec: max(prec - digs.dp, 0), to: &out)
        }
    }

    static func appendE<D: DecimalDigitSequence>(
        neg: Bool, digs: D, prec: Int, fmt: UInt8,
        to out: inout [UInt8]
    ) {
        if neg { out.append(UInt8(ascii: "-")) }
        out.append(digs.nd == 0 ? UInt8(ascii: "0") : digs.digit(0))
        if prec > 0 {
            out.append(UInt8(ascii: "."))
            var i = 1
            let m = min(digs.nd, prec + 1)
            while i < m {
                out.append(digs.digit(i))
                i += 1
            }
            while i <= prec {
                out.append(UInt8(ascii: "0"))
                i += 1
            }
        }
        out.append(fmt)
        var exp = digs.nd == 0 ? 0 : digs.dp - 1
        if exp < 0 {
            out.append(UInt8(ascii: "-"))
            exp = -exp
        } else {
            out.append(UInt8(ascii: "+"))
        }
        if exp < 10 {
            out.append(UInt8(ascii: "0"))
            out.append(UInt8(exp) &+ 48)
        } else if exp < 100 {
            out.append(UInt8(exp / 10) &+ 48)
            out.append(UInt8(exp % 10) &+ 48)
        } else {
            out.append(UInt8(exp / 100) &+ 48)
            out.append(UInt8((exp / 10) % 10) &+ 48)
            out.append(UInt8(exp % 10) &+ 48)
        }
    }

    static func appendF<D: DecimalDigitSequence>(neg: Bool, digs: D, prec: Int, to out: inout [UInt8]) {
        if neg { out.append(UInt8(ascii: "-")) }
        if digs.dp > 0 {
            let m = min(digs.nd, digs.dp)
            for i in 0..<m { out.append(digs.digit(i)) }
            if m < digs.dp {
                for _ in m..<digs.dp { out.append(UInt8(ascii: "0")) }
            }
        } else {
            out.append(UInt8(ascii: "0"))
        }
        if prec > 0 {
            out.append(UInt8(ascii: "."))
            for i in 0..<prec {
                let j = digs.dp + i
                out.append(j >= 0 && j < digs.nd ? digs.digit(j) : UInt8(ascii: "0"))
            }
        }
    }

    /// %b: decimal mantissa, 'p', binary exponent.
    static func appendB(neg: Bool, mant: UInt64, exp: Int, to out: inout [UInt8]) {
        if neg { out.append(UInt8(ascii: "-")) }
        appendDecimal(mant, to: &out)
        out.append(UInt8(ascii: "p"))
        if exp >= 0 {
            out.append(UInt8(ascii: "+"))
            appendDecimal(UInt64(exp), to: &out)
        } else {
            out.append(UInt8(ascii: "-"))
            appendDecimal(UInt64(-exp), to: &out)
        }
    }

    /// %x / %X: hexadecimal mantissa 1.xxx (or 0x0p+00), binary exponent.
    static func appendX(
        prec: Int, fmt: UInt8, neg: Bool, mant mantIn: UInt64, exp expIn: Int, mantbits: Int,
        to out: inout [UInt8]
    ) {
        var mant = mantIn
        var exp = expIn
        if mant == 0 { exp = 0 }
        // Shift the leading bit to bit 60.
        mant <<= UInt64(60 - mantbits)
        while mant != 0 && mant & (UInt64(1) << 60) == 0 {
            mant <<= 1
            exp -= 1
        }
        // Round to prec hex digits, half to even.
        if prec >= 0 && prec < 15 {
            let shift = UInt64(prec * 4)
            let extra = (mant << shift) & ((UInt64(1) << 60) - 1)
            mant >>= 60 - shift
            if extra | (mant & 1) > UInt64(1) << 59 { mant += 1 }
            mant <<= 60 - shift
            if mant & (UInt64(1) << 61) != 0 {
                mant >>= 1
                exp += 1
            }
        }
        let hex = fmt == UInt8(ascii: "X") ? upperhex : lowerhex
        if neg { out.append(UInt8(ascii: "-")) }
        out.append(UInt8(ascii: "0"))
        out.append(fmt)
        out.append(UInt8(ascii: "0") &+ UInt8((mant >> 60) & 1))
        mant <<= 4
        if prec < 0 && mant != 0 {
            out.append(UInt8(ascii: "."))
            while mant != 0 {
                out.append(hex[Int((mant >> 60) & 15)])
                mant <<= 4
            }
        } else if prec > 0 {
            out.append(UInt8(ascii: "."))
            for _ in 0..<prec {
                out.append(hex[Int((mant >> 60) & 15)])
                mant <<= 4
            }
        }
        out.append(fmt == UInt8(ascii: "X") ? UInt8(ascii: "P") : UInt8(ascii: "p"))
        if exp < 0 {
            out.append(UInt8(ascii: "-"))
            exp = -exp
        } else {
            out.append(UInt8(ascii: "+"))
        }
        if exp < 100 {
            out.append(UInt8(exp / 10) &+ 48)
            out.append(UInt8(exp % 10) &+ 48)
        } else if exp < 1000 {
            out.append(UInt8(exp / 100) &+ 48)
            out.append(UInt8((exp / 10) % 10) &+ 48)
            out.append(UInt8(exp % 10) &+ 48)
        } else {
            out.append(UInt8(exp / 1000) &+ 48)
            out.append(UInt8((exp / 100) % 10) &+ 48)
            out.append(UInt8((exp / 10) % 10) &+ 48)
            out.append(UInt8(exp % 10) &+ 48)
        }
    }

    /// Appends the decimal digits of `u`.
    @inline(__always)
    static func appendDecimal(_ u: UInt64, to out: inout [UInt8]) {
        if u < 10 {
            out.append(UInt8(truncatingIfNeeded: u) &+ 48)
            return
        }
        let start = out.count
        var v = u
        while v > 0 {
            out.append(UInt8(truncatingIfNeeded: v % 10) &+ 48)
            v /= 10
        }
        out[start...].reverse()
    }

    /// `%v` of a float64 (`strconv.FormatFloat(v, 'g', -1, 64)`) as a String, for the hot path.
    static func shortestG(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-Inf" : "+Inf" }
        // Integers below 1e6 print as plain integers (no exponent, no point); -0 keeps its sign.
        if v > -1e6 && v < 1e6 && v == v.rounded(.towardZero) && !(v == 0 && v.sign == .minus) {
            return String(Int(v))
        }
        var out: [UInt8] = []
        out.reserveCapacity(24)
        let digs = shortestDigits(abs(v), bitSize: 64)
        formatDigits(
            shortest: true, neg: v.sign == .minus, digs: digs, prec: digs.nd, fmt: UInt8(ascii: "g"),
            to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
