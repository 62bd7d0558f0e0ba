// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing
import _CryptoExtras

@testable import RSAKeys

/// Limbs of a hexadecimal number, at least `limbs` of them.
func limbs(_ hex: String, count: Int = 0) -> [UInt64] {
    var v: [UInt64] = []
    var end = hex.endIndex
    while end > hex.startIndex {
        let start = hex.index(end, offsetBy: -16, limitedBy: hex.startIndex) ?? hex.startIndex
        v.append(UInt64(hex[start..<end], radix: 16)!)
        end = start
    }
    while v.count < max(count, 1) { v.append(0) }
    return v
}

func hex(_ v: [UInt64]) -> String {
    var s = ""
    var leading = true
    for limb in v.reversed() {
        if leading {
            if limb == 0 { continue }
            s = String(limb, radix: 16)
            leading = false
        } else {
            let part = String(limb, radix: 16)
            s += String(repeating: "0", count: 16 - part.count) + part
        }
    }
    return leading ? "0" : s
}

@Suite struct ArithmeticTests {
    @Test(arguments: modExpCases)
    func modExp(_ c: (base: String, exponent: String, modulus: String, expected: String)) {
        let m = limbs(c.modulus)
        let r = Limbs.modPow(limbs(c.base, count: m.count), limbs(c.exponent), m)
        #expect(hex(r) == c.expected)
    }

    @Test(arguments: fermatCases)
    func fermat(_ c: (modulus: String, passes: Bool)) {
        #expect(Primes.fermat2(limbs(c.modulus)) == c.passes)
    }

    @Test(arguments: millerRabinCases)
    func millerRabinRound(_ c: (modulus: String, base: String, passes: Bool)) {
        let m = limbs(c.modulus)
        #expect(Primes.millerRabinRound(m, base: limbs(c.base, count: m.count)) == c.passes)
    }

    /// The vector unit's eight Fermat tests agree with the scalar one, on primes, composites and random odds.
    @Test(.enabled(if: Primes.vectorFermat, "the eight-at-once path needs AVX-512 IFMA, which this CPU lacks"))
    func fermatEightAtOnce() throws {
        let all: [[UInt64]] = (primeCases + compositeCases).map { limbs($0) }
        let thousand24 = all.filter { (m: [UInt64]) -> Bool in m.count == 16 && Limbs.bitLength(m) == 1024 }
        #expect(thousand24.count >= 8)
        var g = SystemRandomNumberGenerator()
        var pool = thousand24
        for _ in 0..<12 {
            var r = (0..<16).map { _ in g.next() as UInt64 }
            r[0] |= 1
            r[15] |= 1 << 63
            pool.append(r)
        }
        pool.shuffle(using: &g)
        for start in stride(from: 0, to: pool.count - 7, by: 8) {
            let lanes = Array(pool[start..<start + 8])
            #expect(Primes.fermat2x8(lanes) == lanes.map { Primes.fermat2($0) })
        }
    }

    /// The vector unit's eight Miller-Rabin rounds agree with the scalar round, on 1024-bit primes and composites.
    @Test(.enabled(if: Primes.vectorFermat, "the eight-at-once path needs AVX-512 IFMA, which this CPU lacks"))
    func millerRabinEightAtOnce() throws {
        let all: [[UInt64]] = (primeCases + compositeCases).map { limbs($0) }
        let moduli = all.filter { (m: [UInt64]) -> Bool in m.count == 16 && Limbs.bitLength(m) == 1024 }
        #expect(moduli.count >= 8)
        var g = SystemRandomNumberGenerator()
        for m in moduli {
            var bases = [limbs("2", count: 16), Limbs.subtract(m, word: 2), Limbs.subtract(m, word: 1)]
            while bases.count < 8 {
                var a = (0..<16).map { _ in g.next() as UInt64 }
                a[15] >>= 1
                if Limbs.less(a, m) { bases.append(a) }
            }
            #expect(Primes.millerRabinRounds8(m, bases: bases) == bases.map { Primes.millerRabinRound(m, base: $0) })
        }
    }

    @Test(arguments: primeCases)
    func knownPrime(_ p: String) {
        #expect(Primes.isProbablePrime(limbs(p)))
    }

    @Test(arguments: compositeCases)
    func knownComposite(_ c: String) {
        #expect(!Primes.isProbablePrime(limbs(c)))
    }

    /// The small-e inverse d = e^-1 mod m (expected values from Python's pow(e, -1, m)).
    @Test(
        arguments: [
            ("1234567890abcdef1234567890abcdef", 65537, "11f8d1955d5dff8491f85195dd5d7f85"),
            ("1000000000000000000000000000000000", 65537, "ffff0000ffff0000ffff0000ffff0001"),
            ("fffffffffffffffe", 3, "5555555555555555"),
            (
                "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd9ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff9600000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000fbc",
                65537,
                "34e9cb1634e9cb1634e9cb1634e9cb1634e9cb1634e9cb1634e9cb1634e9cb1634e9cb1634e9cb1634e9cb1634e9cb1634e9cb1634e9cb1634e9cb1634e9cb0e5a35a5ca5a35a5ca5a35a5ca5a35a5ca5a35a5ca5a35a5ca5a35a5ca5a35a5ca5a35a5ca5a35a5ca5a35a5ca5a35a5ca5a35a5ca5a35a5ca5a35a5ca5a35a5b471678e9871678e9871678e9871678e9871678e9871678e9871678e9871678e9871678e9871678e9871678e9871678e9871678e9871678e9871678e98716791d9"
            ),
        ] as [(String, UInt64, String)])
    func inverseOfE(_ c: (modulus: String, e: UInt64, expected: String)) throws {
        let d = try RSAKeyGenerator.inverseOfE(modulo: limbs(c.modulus), e: c.e)
        #expect(hex(d) == c.expected)
    }

    @Test(arguments: [
        ([UInt8](), [UInt8]([0x02, 0x01, 0x00])),
        ([0x7F], [0x02, 0x01, 0x7F]),
        ([0x80], [0x02, 0x02, 0x00, 0x80]),
        ([0x01, 0x00], [0x02, 0x02, 0x01, 0x00]),
    ])
    func derInteger(_ c: ([UInt8], [UInt8])) {
        #expect(DER.integer(c.0.isEmpty ? [0] : c.0) == c.1)
    }

    @Test func derLongLength() {
        let content = [UInt8](repeating: 1, count: 300)
        #expect(Array(DER.tlv(0x30, content).prefix(4)) == [0x30, 0x82, 0x01, 0x2C])
        #expect(Array(DER.tlv(0x30, [UInt8](repeating: 1, count: 200)).prefix(3)) == [0x30, 0x81, 0xC8])
    }
}

@Suite struct PrimeTests {
    /// Random primes: exact size, top two bits set, p - 1 prime to 65537, and prime by an independent check.
    @Test(arguments: [(8, true), (16, true), (16, false), (24, true)])
    func randomPrime(_ c: (limbs: Int, vectorized: Bool)) {
        var g = SystemRandomNumberGenerator()
        let p = Primes.random(limbs: c.limbs, vectorized: c.vectorized, using: &g)
        #expect(p.count == c.limbs)
        #expect(p[c.limbs - 1] >> 62 == 3)
        #expect(Limbs.remainder(p, word: 65537) > 1)
        #expect(Primes.isProbablePrime(p, rounds: 20))
    }
}

@Suite struct KeyTests {
    @Test(arguments: [(2048, true), (2048, false), (4096, true)])
    func key(_ c: (bits: Int, vectorized: Bool)) throws {
        var numbers = try RSAKeyGenerator.generate(bits: c.bits, vectorized: c.vectorized)
        defer { numbers.wipe() }
        #expect(Limbs.bitLength(numbers.n) == c.bits)
        #expect(numbers.e == 65537)
        #expect(numbers.p != numbers.q)
        let (diff, borrowed) = Limbs.subtract(numbers.p, numbers.q)
        let distance = borrowed ? Limbs.subtract(numbers.q, numbers.p).difference : diff
        #expect(Limbs.bitLength(distance) > c.bits / 2 - 100)
        #expect(Limbs.multiply(numbers.p, numbers.q) == numbers.n)
        #expect(Primes.isProbablePrime(numbers.p) && Primes.isProbablePrime(numbers.q))

        let der = numbers.pkcs1DER
        let key = try _RSA.Signing.PrivateKey(derRepresentation: der)  // BoringSSL's RSA_check_key runs here
        #expect(key.keySizeInBits == c.bits)
        #expect([UInt8](key.derRepresentation) == der)  // re-encoded identically: minimal INTEGERs
        let message = Array("tenantctl \(c.bits)".utf8)
        let signature = try key.signature(for: message, padding: .insecurePKCS1v1_5)
        #expect(key.publicKey.isValidSignature(signature, for: message, padding: .insecurePKCS1v1_5))
        #expect(!key.publicKey.isValidSignature(signature, for: message + [0], padding: .insecurePKCS1v1_5))
        let pss = try key.signature(for: message, padding: .PSS)
        #expect(key.publicKey.isValidSignature(pss, for: message, padding: .PSS))
    }

    @Test func twoKeysDiffer() throws {
        let a = try RSAKeyGenerator.generate(bits: 2048), b = try RSAKeyGenerator.generate(bits: 2048)
        #expect(a.n != b.n && a.p != b.p && a.p != b.q)
    }

    @Test(arguments: [0, 512, 1000, 2047, 2049, 16384])
    func unsupportedSize(_ bits: Int) {
        #expect(throws: RSAKeyError.unsupportedSize(bits)) { try RSAKeyGenerator.generate(bits: bits) }
    }
}
