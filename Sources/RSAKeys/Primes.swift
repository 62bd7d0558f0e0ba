// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import CBigNum

/// Random probable primes for RSA: a random odd start with its top two bits set, a sieve over the window of
/// odd numbers that follow it, a base-2 Fermat test on each survivor, and Miller-Rabin rounds with random
/// bases on the first one that passes.
enum Primes {
    /// The public exponent every key uses.
    static let e: UInt64 = 65537

    /// The odd primes below 2^16.
    static let small: [UInt64] = {
        let limit = 1 << 16
        var composite = [Bool](repeating: false, count: limit)
        var primes: [UInt64] = []
        var i = 3
        while i < limit {
            if !composite[i] {
                primes.append(UInt64(i))
                var k = i * i
                while k < limit { composite[k] = true; k += 2 * i }
            }
            i += 2
        }
        return primes
    }()

    /// Products of consecutive small primes, each below 2^64, with the range of `small` each covers: one
    /// division chain over a candidate per product instead of one per prime.
    static let groups: (products: [UInt64], ranges: [Range<Int>]) = {
        var products: [UInt64] = [], ranges: [Range<Int>] = []
        var i = 0
        while i < small.count {
            var product: UInt64 = 1
            let first = i
            while i < small.count {
                let (next, overflow) = product.multipliedReportingOverflow(by: small[i])
                if overflow { break }
                product = next
                i += 1
            }
            products.append(product)
            ranges.append(first..<i)
        }
        return (products, ranges)
    }()

    /// Miller-Rabin rounds with random bases after the base-2 Fermat test (FIPS 186-5 table B.1 asks for 5
    /// at 1024 bits and 4 above; smaller primes get more).
    static func rounds(bits: Int) -> Int { bits >= 1024 ? 5 : 8 }

    /// Whether the Fermat tests run eight at a time on the vector unit (1024-bit primes, AVX-512 IFMA).
    static let vectorFermat: Bool = cbn_have_fermat2_x8() == 1

    /// A random prime of exactly 64 * limbs bits, at least 1.5 * 2^(64 * limbs - 1), with p - 1 prime to e.
    static func random(limbs: Int, vectorized: Bool = true, using rng: inout some RandomNumberGenerator) -> [UInt64] {
        let bits = 64 * limbs
        let window = max(4096, 4 * bits)
        let useVector = vectorized && vectorFermat && limbs == 16
        var start = [UInt64](repeating: 0, count: limbs)
        var residues = [UInt64](repeating: 0, count: groups.products.count + 1)
        var composite = [Bool](repeating: false, count: window)
        var candidate = [UInt64](repeating: 0, count: limbs)
        var batch: [UInt64] = []
        var batchOffsets: [Int] = []
        defer {
            Limbs.wipe(&start)
            Limbs.wipe(&residues)
            Limbs.wipe(&candidate)
            Limbs.wipe(&batch)
        }
        while true {
            for i in 0..<limbs { start[i] = rng.next() }
            start[limbs - 1] |= 0xC000_0000_0000_0000
            start[0] |= 1
            sieve(start, window: window, residues: &residues, composite: &composite)
            var k = 0
            while k < window {
                // The next survivors: one, or eight for the vector unit.
                batchOffsets.removeAll(keepingCapacity: true)
                batch.removeAll(keepingCapacity: true)
                while k < window && batchOffsets.count < (useVector ? 8 : 1) {
                    defer { k += 1 }
                    if composite[k] || !offset(start, by: k, into: &candidate) { continue }
                    batchOffsets.append(k)
                    batch += candidate
                }
                if batchOffsets.isEmpty { break }
                var pass = [Int32](repeating: 0, count: 8)
                if useVector {
                    while batch.count < 8 * limbs { batch += batch[0..<limbs] }
                    batch.withUnsafeBufferPointer { b in
                        pass.withUnsafeMutableBufferPointer { cbn_fermat2_x8(b.baseAddress, $0.baseAddress) }
                    }
                } else {
                    pass[0] = batch.withUnsafeBufferPointer { cbn_fermat2($0.baseAddress, limbs) }
                }
                for (lane, o) in batchOffsets.enumerated() where pass[lane] == 1 {
                    _ = offset(start, by: o, into: &candidate)
                    if millerRabin(candidate, rounds: rounds(bits: bits), vectorized: vectorized, using: &rng) { return candidate }
                }
            }
        }
    }

    /// Marks the offsets k < window where start + 2k has a prime factor below 2^16, or is 0 or 1 mod e
    /// (a factor e, or e dividing p - 1).
    static func sieve(_ start: [UInt64], window: Int, residues: inout [UInt64], composite: inout [Bool]) {
        for i in 0..<composite.count { composite[i] = false }
        let products = groups.products
        start.withUnsafeBufferPointer { s in
            products.withUnsafeBufferPointer { d in
                residues.withUnsafeMutableBufferPointer { out in
                    cbn_mod_words(s.baseAddress, s.count, d.baseAddress, out.baseAddress, d.count)
                }
            }
        }
        residues[products.count] = Limbs.remainder(start, word: e)
        composite.withUnsafeMutableBufferPointer { c in
            for (g, range) in groups.ranges.enumerated() {
                let r = residues[g]
                for i in range {
                    let p = small[i]
                    // start + 2k = 0 mod p  <=>  k = -(start mod p) / 2 mod p.
                    let first = Int(((p - r % p) % p) * ((p + 1) / 2) % p)
                    var k = first
                    while k < window { c[k] = true; k += Int(p) }
                }
            }
            let re = residues[products.count]
            for target in [UInt64(0), 1] {
                var k = Int(((target + e - re) % e) * ((e + 1) / 2) % e)
                while k < window { c[k] = true; k += Int(e) }
            }
        }
    }

    /// start + 2k into `into`; false when that overflows the limbs (the candidate would be too long).
    static func offset(_ start: [UInt64], by k: Int, into out: inout [UInt64]) -> Bool {
        var carry = UInt64(2 * k)
        for i in 0..<start.count {
            let (s, c) = start[i].addingReportingOverflow(carry)
            out[i] = s
            carry = c ? 1 : 0
        }
        return carry == 0
    }

    /// Miller-Rabin rounds with bases drawn uniformly from [2, m - 2]; eight at a time on the vector unit
    /// for 1024-bit m.
    static func millerRabin(_ m: [UInt64], rounds: Int, vectorized: Bool = true, using rng: inout some RandomNumberGenerator) -> Bool {
        let top = Limbs.subtract(m, word: 1)  // bases must be below m - 1
        let bits = Limbs.bitLength(m)
        let topMask: UInt64 = bits % 64 == 0 ? ~0 : (1 << UInt64(bits % 64)) - 1
        let lanes = vectorized && vectorFermat && m.count == 16 ? 8 : 1
        var base = [UInt64](repeating: 0, count: m.count)
        var bases: [UInt64] = []
        defer {
            Limbs.wipe(&base)
            Limbs.wipe(&bases)
        }
        var done = 0
        while done < rounds {
            bases.removeAll(keepingCapacity: true)
            let batch = min(lanes, rounds - done)
            while bases.count < batch * m.count {
                for i in 0..<m.count { base[i] = rng.next() }
                base[(bits - 1) / 64] &= topMask
                for i in ((bits - 1) / 64 + 1)..<m.count { base[i] = 0 }
                if Limbs.less(base, top) && Limbs.bitLength(base) > 1 { bases += base }
            }
            var pass = [Int32](repeating: 0, count: 8)
            m.withUnsafeBufferPointer { mp in
                if lanes == 8 {
                    while bases.count < 8 * m.count { bases += bases[0..<m.count] }
                    bases.withUnsafeBufferPointer { b in
                        pass.withUnsafeMutableBufferPointer { cbn_miller_rabin_x8(mp.baseAddress, b.baseAddress, $0.baseAddress) }
                    }
                } else {
                    pass[0] = bases.withUnsafeBufferPointer { cbn_miller_rabin(mp.baseAddress, $0.baseAddress, m.count) }
                }
            }
            if pass[0..<batch].contains(where: { $0 != 1 }) { return false }
            done += batch
        }
        return true
    }

    /// Eight Miller-Rabin rounds of a 1024-bit m on the vector unit (only when `vectorFermat`).
    static func millerRabinRounds8(_ m: [UInt64], bases: [[UInt64]]) -> [Bool] {
        precondition(m.count == 16 && bases.count == 8 && bases.allSatisfy { $0.count == 16 })
        let flat = bases.flatMap { $0 }
        var pass = [Int32](repeating: 0, count: 8)
        m.withUnsafeBufferPointer { mp in
            flat.withUnsafeBufferPointer { f in
                pass.withUnsafeMutableBufferPointer { cbn_miller_rabin_x8(mp.baseAddress, f.baseAddress, $0.baseAddress) }
            }
        }
        return pass.map { $0 == 1 }
    }

    /// One base-2 Fermat test (m odd, > 1).
    static func fermat2(_ m: [UInt64]) -> Bool {
        m.withUnsafeBufferPointer { cbn_fermat2($0.baseAddress, m.count) } == 1
    }

    /// Eight base-2 Fermat tests of 1024-bit moduli on the vector unit (only when `vectorFermat`).
    static func fermat2x8(_ moduli: [[UInt64]]) -> [Bool] {
        precondition(moduli.count == 8 && moduli.allSatisfy { $0.count == 16 })
        let flat = moduli.flatMap { $0 }
        var pass = [Int32](repeating: 0, count: 8)
        flat.withUnsafeBufferPointer { f in pass.withUnsafeMutableBufferPointer { cbn_fermat2_x8(f.baseAddress, $0.baseAddress) } }
        return pass.map { $0 == 1 }
    }

    /// One Miller-Rabin round of m (odd, > 3) with base a (2 <= a <= m - 2, as many limbs as m).
    static func millerRabinRound(_ m: [UInt64], base a: [UInt64]) -> Bool {
        m.withUnsafeBufferPointer { mp in a.withUnsafeBufferPointer { cbn_miller_rabin(mp.baseAddress, $0.baseAddress, m.count) } } == 1
    }

    /// Whether m (odd or even, any size up to CBN_MAX_LIMBS limbs) is a probable prime: trial division by
    /// the small primes, then base-2 Fermat and `rounds` random Miller-Rabin rounds. For tests and checks.
    static func isProbablePrime(_ value: [UInt64], rounds: Int = 5) -> Bool {
        var m = value
        while m.count > 1 && m.last == 0 { m.removeLast() }
        if m.count == 1 && m[0] < 4 { return m[0] == 2 || m[0] == 3 }
        if m[0] & 1 == 0 { return false }
        for p in small {
            if m.count == 1 && m[0] == p { return true }
            if Limbs.remainder(m, word: p) == 0 { return false }
        }
        if m.count == 1 && m[0] < 1 << 32 { return true }  // no factor below 2^16
        if !fermat2(m) { return false }
        var g = SystemRandomNumberGenerator()
        return millerRabin(m, rounds: rounds, using: &g)
    }
}
