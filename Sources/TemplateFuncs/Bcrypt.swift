// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
/// bcrypt as golang.org/x/crypto/bcrypt computes it (`$2a$`, EksBlowfish over "OrpheanBeholderScryDoubt").
enum Bcrypt {
    static let alphabet = Array("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
    static let magic = Array("OrpheanBeholderScryDoubt".utf8)

    enum Failure: Error, Equatable { case passwordTooLong }

    /// bcrypt.GenerateFromPassword(password, cost) with a fresh random salt.
    static func hash(_ password: [UInt8], cost: Int = 10) throws(Failure) -> String {
        var g = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &g) }
        return try hash(password, cost: cost, salt: salt)
    }

    /// The hash string for a given 16-byte salt.
    static func hash(_ password: [UInt8], cost: Int, salt: [UInt8]) throws(Failure) -> String {
        if password.count > 72 { throw .passwordTooLong }
        let encodedSalt = encode(salt)
        let digest = raw(password, cost: cost, salt: salt)
        let c = cost < 10 ? "0\(cost)" : "\(cost)"
        return "$2a$" + c + "$" + encodedSalt + encode(Array(digest.prefix(23)))
    }

    /// Whether a `$2a$`/`$2b$`/`$2y$` hash matches the password.
    static func verify(_ password: [UInt8], hash: String) -> Bool {
        let parts = hash.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, let cost = Int(parts[2]), parts[3].count == 53 else { return false }
        let rest = Array(parts[3].utf8)
        guard let salt = decode(Array(rest[0..<22])), salt.count >= 16 else { return false }
        let digest = raw(password, cost: cost, salt: Array(salt.prefix(16)))
        return encode(Array(digest.prefix(23))) == String(decoding: rest[22...], as: UTF8.self)
    }

    /// The 24-byte EksBlowfish output.
    static func raw(_ password: [UInt8], cost: Int, salt: [UInt8]) -> [UInt8] {
        let key = password + [0]
        var state = BlowfishTables.p + BlowfishTables.s
        state.withUnsafeMutableBufferPointer { st in
            expand(st, key: key, salt: salt)
            for _ in 0..<(1 << cost) {
                expand(st, key: key, salt: nil)
                expand(st, key: salt, salt: nil)
            }
        }
        var words: [UInt32] = (0..<6).map { i in
            magic[(4 * i)..<(4 * i + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        }
        state.withUnsafeMutableBufferPointer { st in
            for i in stride(from: 0, to: 6, by: 2) {
                var l = words[i], r = words[i + 1]
                for _ in 0..<64 { (l, r) = encrypt(st, l, r) }
                words[i] = l; words[i + 1] = r
            }
        }
        return words.flatMap { w in [UInt8(w >> 24), UInt8(w >> 16 & 0xFF), UInt8(w >> 8 & 0xFF), UInt8(w & 0xFF)] }
    }

    @inline(__always)
    private static func f(_ st: UnsafeMutableBufferPointer<UInt32>, _ x: UInt32) -> UInt32 {
        ((st[18 + Int(x >> 24)] &+ st[274 + Int(x >> 16 & 0xFF)]) ^ st[530 + Int(x >> 8 & 0xFF)]) &+ st[786 + Int(x & 0xFF)]
    }

    @inline(__always)
    private static func encrypt(_ st: UnsafeMutableBufferPointer<UInt32>, _ l0: UInt32, _ r0: UInt32) -> (UInt32, UInt32) {
        var xl = l0 ^ st[0], xr = r0
        var i = 1
        while i < 17 {
            xr ^= f(st, xl) ^ st[i]
            xl ^= f(st, xr) ^ st[i + 1]
            i += 2
        }
        xr ^= st[17]
        return (xr, xl)
    }

    /// Blowfish's key schedule, with bcrypt's salted variant when `salt` is given.
    private static func expand(_ st: UnsafeMutableBufferPointer<UInt32>, key: [UInt8], salt: [UInt8]?) {
        var j = 0
        for i in 0..<18 {
            var d: UInt32 = 0
            for _ in 0..<4 {
                d = d << 8 | UInt32(key[j])
                j += 1
                if j >= key.count { j = 0 }
            }
            st[i] ^= d
        }
        var sj = 0
        func nextSaltWord() -> UInt32 {
            guard let salt else { return 0 }
            var w: UInt32 = 0
            for _ in 0..<4 {
                w = w << 8 | UInt32(salt[sj])
                sj += 1
                if sj >= salt.count { sj = 0 }
            }
            return w
        }
        var l: UInt32 = 0, r: UInt32 = 0
        var i = 0
        while i < 18 + 1024 {
            if salt != nil { l ^= nextSaltWord(); r ^= nextSaltWord() }
            (l, r) = encrypt(st, l, r)
            st[i] = l
            st[i + 1] = r
            i += 2
        }
    }

    /// bcrypt's base64 (its own alphabet, no padding).
    static func encode(_ src: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < src.count {
            let b0 = src[i], b1 = i + 1 < src.count ? src[i + 1] : 0, b2 = i + 2 < src.count ? src[i + 2] : 0
            let v = UInt32(b0) << 16 | UInt32(b1) << 8 | UInt32(b2)
            let n = Swift.min(src.count - i, 3) + 1
            for k in 0..<n { out.append(alphabet[Int(v >> UInt32(18 - 6 * k) & 0x3F)]) }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ src: [UInt8]) -> [UInt8]? {
        var map = [Int](repeating: -1, count: 256)
        for (i, c) in alphabet.enumerated() { map[Int(c)] = i }
        var out: [UInt8] = []
        var acc: UInt32 = 0, bits = 0
        for c in src {
            let v = map[Int(c)]
            if v < 0 { return nil }
            acc = acc << 6 | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(acc >> UInt32(bits) & 0xFF))
            }
        }
        return out
    }
}
