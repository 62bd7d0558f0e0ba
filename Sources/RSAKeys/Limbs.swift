// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import CBigNum

/// Unsigned big numbers as little-endian arrays of 64-bit limbs: the few operations key assembly needs, on
/// top of CBigNum. Helpers on secret values run through every limb (no early exit).
enum Limbs {
    /// a * b (a.count + b.count limbs).
    static func multiply(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var r = [UInt64](repeating: 0, count: a.count + b.count)
        for i in 0..<a.count {
            var carry: UInt64 = 0
            for j in 0..<b.count {
                let (hi, lo) = a[i].multipliedFullWidth(by: b[j])
                let (s1, c1) = lo.addingReportingOverflow(r[i + j])
                let (s2, c2) = s1.addingReportingOverflow(carry)
                r[i + j] = s2
                carry = hi &+ (c1 ? 1 : 0) &+ (c2 ? 1 : 0)
            }
            r[i + b.count] = carry
        }
        return r
    }

    /// a * w + add, one limb longer than a.
    static func multiply(_ a: [UInt64], word w: UInt64, adding add: UInt64) -> [UInt64] {
        var r = [UInt64](repeating: 0, count: a.count + 1)
        var carry = add
        for i in 0..<a.count {
            let (hi, lo) = a[i].multipliedFullWidth(by: w)
            let (s, c) = lo.addingReportingOverflow(carry)
            r[i] = s
            carry = hi &+ (c ? 1 : 0)
        }
        r[a.count] = carry
        return r
    }

    /// (a / d, a mod d) for a one-word divisor d > 0.
    static func divide(_ a: [UInt64], word d: UInt64) -> (quotient: [UInt64], remainder: UInt64) {
        var q = [UInt64](repeating: 0, count: a.count)
        var r: UInt64 = 0
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            (q[i], r) = d.dividingFullWidth((high: r, low: a[i]))
        }
        return (q, r)
    }

    /// a mod d for d > 0.
    static func remainder(_ a: [UInt64], word d: UInt64) -> UInt64 {
        a.withUnsafeBufferPointer { cbn_mod_word($0.baseAddress, $0.count, d) }
    }

    /// a - b (b no longer than a, a >= b), and whether it borrowed (a < b).
    static func subtract(_ a: [UInt64], _ b: [UInt64]) -> (difference: [UInt64], borrowed: Bool) {
        var r = a
        var borrow: UInt64 = 0
        for i in 0..<a.count {
            let (d1, b1) = a[i].subtractingReportingOverflow(i < b.count ? b[i] : 0)
            let (d2, b2) = d1.subtractingReportingOverflow(borrow)
            r[i] = d2
            borrow = (b1 ? 1 : 0) | (b2 ? 1 : 0)
        }
        return (r, borrow != 0)
    }

    /// a - w for a >= w.
    static func subtract(_ a: [UInt64], word w: UInt64) -> [UInt64] {
        subtract(a, [w]).difference
    }

    /// a < b, for the same number of limbs, through every limb.
    static func less(_ a: [UInt64], _ b: [UInt64]) -> Bool {
        subtract(a, b).borrowed
    }

    /// Number of significant bits.
    static func bitLength(_ a: [UInt64]) -> Int {
        for i in stride(from: a.count - 1, through: 0, by: -1) where a[i] != 0 {
            return 64 * i + (64 - a[i].leadingZeroBitCount)
        }
        return 0
    }

    /// base^exponent mod modulus (modulus odd, > 1, at most CBN_MAX_LIMBS limbs; base of modulus.count limbs).
    static func modPow(_ base: [UInt64], _ exponent: [UInt64], _ modulus: [UInt64]) -> [UInt64] {
        var r = [UInt64](repeating: 0, count: modulus.count)
        var b = base
        if b.count < modulus.count { b += [UInt64](repeating: 0, count: modulus.count - b.count) }
        let e = exponent.isEmpty ? [0] : exponent
        r.withUnsafeMutableBufferPointer { rp in
            b.withUnsafeBufferPointer { bp in
                e.withUnsafeBufferPointer { ep in
                    modulus.withUnsafeBufferPointer { mp in
                        cbn_mod_exp(rp.baseAddress, bp.baseAddress, ep.baseAddress, ep.count, mp.baseAddress, mp.count)
                    }
                }
            }
        }
        wipe(&b)
        return r
    }

    /// Big-endian bytes without leading zeros (one zero byte for zero).
    static func bigEndianBytes(_ a: [UInt64]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(8 * a.count)
        for limb in a.reversed() {
            for s in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: limb >> UInt64(s))) }
        }
        let zeros = out.prefix { $0 == 0 }.count
        return zeros == out.count ? [0] : Array(out[zeros...])
    }

    /// Limbs from big-endian bytes.
    static func fromBigEndian(_ bytes: [UInt8]) -> [UInt64] {
        var limbs = [UInt64](repeating: 0, count: max(1, (bytes.count + 7) / 8))
        for (i, byte) in bytes.reversed().enumerated() { limbs[i / 8] |= UInt64(byte) << UInt64(8 * (i % 8)) }
        return limbs
    }

    /// Overwrites a secret with zeros before it is released.
    static func wipe(_ a: inout [UInt64]) {
        a.withUnsafeMutableBytes { if let base = $0.baseAddress { cbn_cleanse(base, $0.count) } }
    }

    static func wipe(_ a: inout [UInt8]) {
        a.withUnsafeMutableBytes { if let base = $0.baseAddress { cbn_cleanse(base, $0.count) } }
    }
}
