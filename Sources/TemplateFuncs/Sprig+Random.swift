// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import GoTemplate

extension Sprig {
    /// Sprig's random functions: goutils' crypto-random strings, uuidv4, randBytes and xstrings' shuffle.
    static func registerRandom(into t: inout FunctionTable) {
        t.register("randAlphaNum", GoFunction([.int]) { a in .string(cryptoRandom(count(a[0]), letters: true, numbers: true)) })
        t.register("randAlpha", GoFunction([.int]) { a in .string(cryptoRandom(count(a[0]), letters: true, numbers: false)) })
        t.register("randNumeric", GoFunction([.int]) { a in .string(cryptoRandom(count(a[0]), letters: false, numbers: true)) })
        t.register(
            "randAscii",
            GoFunction([.int]) { a in
                let n = count(a[0])
                guard n > 0 else { return .string("") }
                var g = SystemRandomNumberGenerator()
                return .string(String((0..<n).map { _ in Character(UnicodeScalar(UInt8.random(in: 32...126, using: &g))) }))
            })
        t.register(
            "randBytes",
            GoFunction([.int]) { a throws(GoError) in
                let n = count(a[0])
                if n < 0 { throw GoError("runtime error: makeslice: len out of range") }
                var g = SystemRandomNumberGenerator()
                return .string(GoBase64.encode((0..<n).map { _ in UInt8.random(in: 0...255, using: &g) }))
            })
        t.register("uuidv4", GoFunction([]) { _ in .string(uuidv4()) })
        t.register(
            "shuffle",
            GoFunction([.string]) { a in
                var scalars = Array((a[0].stringValue ?? "").unicodeScalars)
                scalars.shuffle()
                var s = String.UnicodeScalarView()
                s.append(contentsOf: scalars)
                return .string(String(s))
            })
    }

    static func count(_ v: Value) -> Int {
        if case .int(let n, _) = v { return n }
        return 0
    }

    /// goutils.CryptoRandom over ' '..'z' keeping letters and/or digits; "" for counts below one.
    static func cryptoRandom(_ n: Int, letters: Bool, numbers: Bool) -> String {
        guard n > 0 else { return "" }
        var pool: [UInt8] = []
        if letters { pool += Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8) }
        if numbers { pool += Array("0123456789".utf8) }
        var g = SystemRandomNumberGenerator()
        let bytes = (0..<n).map { _ in pool[Int.random(in: 0..<pool.count, using: &g)] }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A random (version 4, RFC 4122 variant) UUID in lower-case hex, as google/uuid prints it.
    static func uuidv4() -> String {
        var g = SystemRandomNumberGenerator()
        var b = (0..<16).map { _ in UInt8.random(in: 0...255, using: &g) }
        b[6] = (b[6] & 0x0F) | 0x40
        b[8] = (b[8] & 0x3F) | 0x80
        let h = hex(b)
        let u = Array(h)
        return String(u[0..<8]) + "-" + String(u[8..<12]) + "-" + String(u[12..<16]) + "-" + String(u[16..<20]) + "-" + String(u[20..<32])
    }
}
