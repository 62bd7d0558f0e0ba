// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import CBigNum

/// Why a key could not be made.
public enum RSAKeyError: Error, Equatable, Sendable {
    /// Sizes from 1024 to 8192 bits in steps of 128 are made here.
    case unsupportedSize(Int)
    /// An internal consistency check failed (never expected).
    case inconsistent(String)
}

/// The numbers of an RSA private key (little-endian 64-bit limbs), as PKCS#1 lists them.
public struct RSAPrivateKeyNumbers: Sendable {
    public var n: [UInt64]
    public var e: UInt64
    public var d: [UInt64]
    public var p: [UInt64]
    public var q: [UInt64]
    public var dP: [UInt64]
    public var dQ: [UInt64]
    public var qInv: [UInt64]

    /// PKCS#1 RSAPrivateKey: SEQUENCE { version 0, n, e, d, p, q, dP, dQ, qInv }.
    public var pkcs1DER: [UInt8] {
        var body: [UInt8] = DER.integer([0])
        for v in [n, [e], d, p, q, dP, dQ, qInv] { body += DER.integer(Limbs.bigEndianBytes(v)) }
        let out = DER.tlv(0x30, body)
        Limbs.wipe(&body)
        return out
    }

    /// Overwrites every number with zeros.
    public mutating func wipe() {
        for k in [\Self.n, \.d, \.p, \.q, \.dP, \.dQ, \.qInv] as [WritableKeyPath<Self, [UInt64]>] { Limbs.wipe(&self[keyPath: k]) }
        e = 0
    }
}

/// Fresh RSA keys with e = 65537, for Sprig's genCA / genSignedCert / genSelfSignedCert / genPrivateKey.
///
/// p and q are random primes of half the size each (top two bits set, so n has exactly the size asked for),
/// found by a sieve and Fermat tests (eight at a time on AVX-512 IFMA processors) and confirmed by
/// Miller-Rabin rounds with random bases; |p - q| > 2^(bits/2 - 100). d = e^-1 mod (p-1)(q-1), with the CRT
/// values dP, dQ and qInv = q^-1 mod p. All arithmetic on secrets is constant-time (CBigNum); the sieve, as
/// every sieve does, takes a time that depends on where the primes fall.
public enum RSAKeyGenerator {
    /// Whether keys of this size are made here.
    public static func supports(bits: Int) -> Bool {
        bits >= 1024 && bits <= 8192 && bits % 128 == 0
    }

    /// Whether the Fermat tests of 1024-bit primes (2048-bit keys) run on the vector unit here.
    public static var usesVectorUnit: Bool { Primes.vectorFermat }

    /// Overwrites key bytes (e.g. the DER once it is parsed) with zeros.
    public static func wipe(_ bytes: inout [UInt8]) {
        Limbs.wipe(&bytes)
    }

    /// A fresh key of `bits` bits, as PKCS#1 RSAPrivateKey DER.
    public static func pkcs1DER(bits: Int, vectorized: Bool = true) throws(RSAKeyError) -> [UInt8] {
        var key = try generate(bits: bits, vectorized: vectorized)
        defer { key.wipe() }
        return key.pkcs1DER
    }

    /// A fresh key of `bits` bits. `vectorized: false` keeps to the scalar Fermat tests (for comparison).
    public static func generate(bits: Int, vectorized: Bool = true) throws(RSAKeyError) -> RSAPrivateKeyNumbers {
        var g = SystemRandomNumberGenerator()
        return try generate(bits: bits, vectorized: vectorized, using: &g)
    }

    static func generate(bits: Int, vectorized: Bool, using rng: inout some RandomNumberGenerator) throws(RSAKeyError) -> RSAPrivateKeyNumbers {
        guard supports(bits: bits) else { throw .unsupportedSize(bits) }
        let limbs = bits / 128
        let e = Primes.e
        let p = Primes.random(limbs: limbs, vectorized: vectorized, using: &rng)
        var q: [UInt64]
        while true {
            q = Primes.random(limbs: limbs, vectorized: vectorized, using: &rng)
            let (diff, borrowed) = Limbs.subtract(p, q)
            var distance = borrowed ? Limbs.subtract(q, p).difference : diff
            let far = Limbs.bitLength(distance) > 64 * limbs - 99  // |p - q| >= 2^(bits/2 - 99)
            Limbs.wipe(&distance)
            if far { break }
            Limbs.wipe(&q)
        }
        var pm1 = Limbs.subtract(p, word: 1), qm1 = Limbs.subtract(q, word: 1)
        var phi = Limbs.multiply(pm1, qm1)
        defer {
            Limbs.wipe(&pm1)
            Limbs.wipe(&qm1)
            Limbs.wipe(&phi)
        }
        let n = Limbs.multiply(p, q)
        guard Limbs.bitLength(n) == bits else { throw .inconsistent("n has \(Limbs.bitLength(n)) bits") }
        var d = try inverseOfE(modulo: phi, e: e)
        d.removeLast()  // d < phi: one limb shorter than the product it was divided from
        var dP = try inverseOfE(modulo: pm1, e: e)
        var dQ = try inverseOfE(modulo: qm1, e: e)
        dP.removeLast()
        dQ.removeLast()
        // q^-1 mod p = q^(p-2) mod p (p prime).
        var pm2 = Limbs.subtract(p, word: 2)
        let qInv = Limbs.modPow(q, pm2, p)
        Limbs.wipe(&pm2)
        // The numbers move into the key (wiping these copies now would only copy them first).
        return RSAPrivateKeyNumbers(n: n, e: e, d: d, p: p, q: q, dP: dP, dQ: dQ, qInv: qInv)
    }

    /// e^-1 mod m for a small prime e not dividing m: with k = -m^-1 mod e, (1 + k·m) / e is an integer below
    /// m whose product with e is 1 mod m. One limb longer than m (the top limb zero).
    static func inverseOfE(modulo m: [UInt64], e: UInt64) throws(RSAKeyError) -> [UInt64] {
        let r = Limbs.remainder(m, word: e)
        guard r != 0 else { throw .inconsistent("e divides the modulus") }
        let k = (e - powMod(r, e - 2, e)) % e
        var t = Limbs.multiply(m, word: k, adding: 1)
        defer { Limbs.wipe(&t) }
        let (quotient, rest) = Limbs.divide(t, word: e)
        guard rest == 0 else { throw .inconsistent("1 + k·m not divisible by e") }
        return quotient
    }

    /// b^x mod m for one-word values (m < 2^32).
    static func powMod(_ b: UInt64, _ x: UInt64, _ m: UInt64) -> UInt64 {
        var result: UInt64 = 1, base = b % m, x = x
        while x > 0 {
            if x & 1 == 1 { result = result * base % m }
            base = base * base % m
            x >>= 1
        }
        return result
    }
}

/// The DER PKCS#1 needs: INTEGER and SEQUENCE.
enum DER {
    static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [tag]
        if content.count < 128 {
            out.append(UInt8(content.count))
        } else {
            var length: [UInt8] = []
            var c = content.count
            while c > 0 { length.insert(UInt8(c & 0xFF), at: 0); c >>= 8 }
            out.append(0x80 | UInt8(length.count))
            out += length
        }
        return out + content
    }

    /// A non-negative INTEGER from its minimal big-endian bytes (a 0x00 first when the top bit is set).
    static func integer(_ bigEndian: [UInt8]) -> [UInt8] {
        tlv(0x02, (bigEndian.first ?? 0) & 0x80 != 0 ? [0] + bigEndian : bigEndian)
    }
}
