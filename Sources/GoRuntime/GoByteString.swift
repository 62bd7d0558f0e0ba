// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
/// Go strings are bytes; a Swift `String` holds Unicode scalars. A Go string may hold bytes that are not UTF-8
/// (a template literal `"\xff"`), and Go's functions see those bytes: `urlquery` writes `%FF`, `len` counts 1,
/// encoding/json writes `\ufffd`. Decoding them with `String(decoding:as:)` would make each a U+FFFD (three
/// bytes, and a real U+FFFD that encoding/json writes as is), so they are kept instead, one scalar per byte, in
/// 128 code points of plane 16's private use area: byte `0x80 + n` is U+10FE80 + n (a real such code point in a
/// template or a value would be read as that byte; none is assigned, and the range stays clear of U+10FFFF, the
/// last code point). Go's own view comes back through `bytes`; text shown to people (a rendered file, an
/// error) through `display`, where each such byte reads as U+FFFD, as a UTF-8 reader of Go's output sees it.
public enum GoByteString {
    /// The scalar for byte 0x80 is `base + 0x80` (U+10FE80).
    static let base: UInt32 = 0x10_FE00

    /// A Go string of these bytes: valid UTF-8 as its scalars, every other byte (Go's `utf8.DecodeRune` takes
    /// one byte of an invalid sequence at a time) as its stand-in scalar.
    public static func string<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        let b = Array(bytes)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < b.count {
            if let (scalar, width) = decodeRune(b, i) {
                out.append(scalar)
                i += width
            } else {
                out.append(Unicode.Scalar(base + UInt32(b[i]))!)
                i += 1
            }
        }
        return String(out)
    }

    /// The byte a stand-in scalar stands for, or nil for any other scalar.
    @inline(__always)
    public static func byte(of scalar: Unicode.Scalar) -> UInt8? {
        let v = scalar.value
        return v >= base + 0x80 && v <= base + 0xFF ? UInt8(v - base) : nil
    }

    /// Whether the string holds any stand-in scalar (their UTF-8 form starts with F4 8F BA or F4 8F BB).
    public static func hasBytes(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { u in
            var i = 0
            while i + 2 < u.count {
                if u[i] == 0xF4 && u[i + 1] == 0x8F && (u[i + 2] == 0xBA || u[i + 2] == 0xBB) { return true }
                i += 1
            }
            return false
        }
    }

    /// Go's bytes of the string: UTF-8, with each stand-in scalar as its one byte.
    public static func bytes(_ s: String) -> [UInt8] {
        guard hasBytes(s) else { return Array(s.utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            if let b = byte(of: scalar) {
                out.append(b)
            } else {
                out.append(contentsOf: String(scalar).utf8)
            }
        }
        return out
    }

    /// Go's `s[a:b]`: the bytes from `a` to `b` (in range), which may cut a character in two.
    public static func slice(_ s: String, _ a: Int, _ b: Int) -> String {
        string(bytes(s)[a..<b])
    }

    /// Go's `len` of the string: its byte count.
    public static func count(_ s: String) -> Int {
        guard hasBytes(s) else { return s.utf8.count }
        return s.unicodeScalars.reduce(0) { $0 + (byte(of: $1) != nil ? 1 : UTF8.width($1)) }
    }

    /// The string as a UTF-8 reader of Go's bytes sees it: each stand-in scalar as U+FFFD.
    public static func display(_ s: String) -> String {
        guard hasBytes(s) else { return s }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            out.append(byte(of: scalar) != nil ? "\u{FFFD}" : scalar)
        }
        return String(out)
    }

    /// Go's `utf8.DecodeRune` on a valid sequence at `i`: the scalar and its width, or nil when invalid
    /// (overlong forms, surrogates, past U+10FFFF, a short or broken sequence).
    static func decodeRune(_ b: [UInt8], _ i: Int) -> (Unicode.Scalar, Int)? {
        let c = b[i]
        if c < 0x80 { return (Unicode.Scalar(c), 1) }
        func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> UInt32? {
            guard i + k < b.count, b[i + k] >= lo, b[i + k] <= hi else { return nil }
            return UInt32(b[i + k] & 0x3F)
        }
        switch c {
        case 0xC2...0xDF:
            guard let c1 = cont(1) else { return nil }
            return Unicode.Scalar((UInt32(c & 0x1F) << 6) | c1).map { ($0, 2) }
        case 0xE0...0xEF:
            let lo: UInt8 = c == 0xE0 ? 0xA0 : 0x80
            let hi: UInt8 = c == 0xED ? 0x9F : 0xBF
            guard let c1 = cont(1, lo, hi), let c2 = cont(2) else { return nil }
            return Unicode.Scalar((UInt32(c & 0x0F) << 12) | (c1 << 6) | c2).map { ($0, 3) }
        case 0xF0...0xF4:
            let lo: UInt8 = c == 0xF0 ? 0x90 : 0x80
            let hi: UInt8 = c == 0xF4 ? 0x8F : 0xBF
            guard let c1 = cont(1, lo, hi), let c2 = cont(2), let c3 = cont(3) else { return nil }
            return Unicode.Scalar((UInt32(c & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3).map { ($0, 4) }
        default:
            return nil
        }
    }
}
