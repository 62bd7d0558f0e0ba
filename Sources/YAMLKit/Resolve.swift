// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
/// go-yaml v2's scalar typing (`resolve.go`, `decode.go`'s `scalar`): YAML 1.1 booleans and nulls, Go's
/// `strconv` integer and float syntax, explicit `!!` tags. A switch on the first byte picks the candidates, as
/// go-yaml's `resolveTable` does; no regular expressions.
enum Tags {
    static let prefix = "tag:yaml.org,2002:"
    static let str = prefix + "str"
    static let bool = prefix + "bool"
    static let int = prefix + "int"
    static let float = prefix + "float"
    static let null = prefix + "null"
    static let timestamp = prefix + "timestamp"
    static let binary = prefix + "binary"
    static let merge = prefix + "merge"

    /// go-yaml's `shortTag`: `tag:yaml.org,2002:int` → `!!int`.
    static func short(_ tag: String) -> String {
        tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
    }
}

/// A decode failure inside go-yaml (`failf`): the text after `yaml: `.
struct DecodeFailure: Error {
    var message: String
}

enum Resolver {
    /// Decodes one scalar node into `interface{}` as go-yaml v2's `decoder.scalar` does.
    /// - Parameters:
    ///   - tag: the full tag from the event (`tag:yaml.org,2002:int`, `!foo`, `!`), or "" when there is none.
    ///   - implicit: the event's `plain_implicit` (go-yaml's `node.implicit`).
    static func decodeScalar(tag: String, value: String, implicit: Bool) throws(DecodeFailure) -> GoValue {
        // A quoted scalar without a tag is a string, whatever it looks like.
        if tag.isEmpty && !implicit { return .string(value) }
        let (rtag, out) = try resolve(tag: tag, value)
        if rtag == Tags.binary {
            // go-yaml: `!!binary` is base64-decoded into a Go string of raw bytes.
            guard let bytes = base64Decode(value) else {
                throw DecodeFailure(message: "!!binary value contains invalid base64 data")
            }
            return .string(goString(bytes))
        }
        // go-yaml v2 keeps timestamps as their text when decoding into interface{} ("for backward compatibility").
        if rtag == Tags.timestamp { return .string(value) }
        return out
    }

    /// go-yaml v2's `resolve(tag, in)`: the resolved tag and value, or a failure when an explicit tag and the
    /// text disagree (`cannot decode !!str `abc` as a !!int`).
    static func resolve(tag: String, _ s: String) throws(DecodeFailure) -> (String, GoValue) {
        switch tag {
        case "", Tags.str, Tags.bool, Tags.int, Tags.float, Tags.null, Tags.timestamp: break
        default: return (tag, .string(s))  // not resolvable: kept as text
        }
        let (rtag, out) = resolvePlain(tag: tag, s)
        // go-yaml's deferred check: an explicit tag must agree with what the text resolves to, except that an
        // integer is accepted (and converted) as !!float.
        switch tag {
        case "", rtag, Tags.str, Tags.binary:
            return (rtag, out)
        case Tags.float where rtag == Tags.int:
            switch out {
            case .int(let i): return (Tags.float, .float(Double(i)))
            default: break  // uint64 is not converted in go-yaml: it fails below.
            }
        default: break
        }
        throw DecodeFailure(message: "cannot decode \(Tags.short(rtag)) `\(s)` as a \(Tags.short(tag))")
    }

    private static func resolvePlain(tag: String, _ s: String) -> (String, GoValue) {
        let u = s.utf8
        // go-yaml's resolveTable hint: S(ign), D(igit), M(ap), '.', N (empty), or 0 (plain string).
        let hint: UInt8
        if let c = u.first {
            switch c {
            case UInt8(ascii: "+"), UInt8(ascii: "-"): hint = UInt8(ascii: "S")
            case UInt8(ascii: "0")...UInt8(ascii: "9"): hint = UInt8(ascii: "D")
            case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"),
                UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "o"), UInt8(ascii: "O"),
                UInt8(ascii: "~"):
                hint = UInt8(ascii: "M")
            case UInt8(ascii: "."): hint = UInt8(ascii: ".")
            default: hint = 0
            }
        } else {
            hint = UInt8(ascii: "N")
        }
        if hint == 0 || tag == Tags.str || tag == Tags.binary { return (Tags.str, .string(s)) }
        if let known = lookup(s) { return known }
        switch hint {
        case UInt8(ascii: "."):
            // strconv.ParseFloat on the text as is: only `.digits[e±digits]` can parse here.
            if let f = parseDecimalFloat(u, allowSign: false), f.isFinite { return (Tags.float, .float(f)) }
        case UInt8(ascii: "D"), UInt8(ascii: "S"):
            if tag.isEmpty || tag == Tags.timestamp, Timestamp.isTimestamp(u) {
                return (Tags.timestamp, .string(s))
            }
            // go-yaml removes every underscore, then tries ParseInt(plain, 0, 64), ParseUint, and the
            // YAML float syntax `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$` with ParseFloat.
            // (Its later 0b fallbacks cannot succeed where base-0 ParseInt/ParseUint failed.)
            let plain: [UInt8] = u.contains(UInt8(ascii: "_")) ? u.filter { $0 != UInt8(ascii: "_") } : Array(u)
            if let i = GoParse.parseInt(plain) { return (Tags.int, .int(i)) }
            if let n = GoParse.parseUint(plain) { return (Tags.int, .uint(n)) }
            if let f = parseDecimalFloat(plain, allowSign: true), f.isFinite { return (Tags.float, .float(f)) }
        default:
            break
        }
        return (Tags.str, .string(s))
    }

    /// go-yaml v2's resolveMap: YAML 1.1 booleans, nulls, special floats and the merge key.
    private static func lookup(_ s: String) -> (String, GoValue)? {
        guard s.utf8.count <= 5 else { return nil }  // the longest entries ("false", "+.inf") have 5 bytes
        switch s {
        case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON":
            return (Tags.bool, .bool(true))
        case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF":
            return (Tags.bool, .bool(false))
        case "", "~", "null", "Null", "NULL":
            return (Tags.null, .null)
        case ".nan", ".NaN", ".NAN":
            return (Tags.float, .float(.nan))
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
            return (Tags.float, .float(.infinity))
        case "-.inf", "-.Inf", "-.INF":
            return (Tags.float, .float(-.infinity))
        default:
            // go-yaml's map also holds "<<", but '<' has no hint, so resolve never looks it up: a `<<` value
            // is the string "<<". Merge keys are recognised on the node (plain `<<` or `!!merge`).
            return nil
        }
    }

    /// Checks the YAML float syntax `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` and converts it as
    /// strconv.ParseFloat does (correctly rounded; overflow gives ±Inf, which callers treat as Go's range error).
    static func parseDecimalFloat<C: Collection>(_ b: C, allowSign: Bool) -> Double? where C.Element == UInt8 {
        var i = b.startIndex
        let end = b.endIndex
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        if allowSign, i < end, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i = b.index(after: i) }
        var intDigits = 0
        while i < end, isDigit(b[i]) { intDigits += 1; i = b.index(after: i) }
        if i < end, b[i] == UInt8(ascii: ".") {
            i = b.index(after: i)
            var frac = 0
            while i < end, isDigit(b[i]) { frac += 1; i = b.index(after: i) }
            if intDigits == 0 && frac == 0 { return nil }
        } else if intDigits == 0 {
            return nil
        }
        if i < end, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i = b.index(after: i)
            if i < end, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i = b.index(after: i) }
            var expDigits = 0
            while i < end, isDigit(b[i]) { expDigits += 1; i = b.index(after: i) }
            if expDigits == 0 { return nil }
        }
        if i != end { return nil }
        // The syntax is a subset of what Swift's strtod-based parser accepts, with the same rounding.
        return Double(String(decoding: b, as: UTF8.self))
    }

    /// Go's `string(bytes)` as encoding/json later writes it: each byte that does not start a valid UTF-8
    /// sequence becomes U+FFFD (one per byte, as `utf8.DecodeRuneInString` steps).
    static func goString(_ bytes: [UInt8]) -> String {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        var scalars = String.UnicodeScalarView()
        var i = 0
        while i < bytes.count {
            let (scalar, width) = decodeRune(bytes, i)
            scalars.append(scalar)
            i += width
        }
        return String(scalars)
    }

    private static func decodeRune(_ b: [UInt8], _ i: Int) -> (Unicode.Scalar, Int) {
        let bad: (Unicode.Scalar, Int) = ("\u{FFFD}", 1)
        let c0 = b[i]
        if c0 < 0x80 { return (Unicode.Scalar(c0), 1) }
        func cont(_ j: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> UInt32? {
            guard j < b.count, b[j] >= lo, b[j] <= hi else { return nil }
            return UInt32(b[j] & 0x3F)
        }
        switch c0 {
        case 0xC2...0xDF:
            guard let c1 = cont(i + 1) else { return bad }
            return (Unicode.Scalar((UInt32(c0 & 0x1F) << 6) | c1) ?? "\u{FFFD}", 2)
        case 0xE0...0xEF:
            let lo: UInt8 = c0 == 0xE0 ? 0xA0 : 0x80
            let hi: UInt8 = c0 == 0xED ? 0x9F : 0xBF
            guard let c1 = cont(i + 1, lo, hi), let c2 = cont(i + 2) else { return bad }
            return (Unicode.Scalar((UInt32(c0 & 0x0F) << 12) | (c1 << 6) | c2) ?? "\u{FFFD}", 3)
        case 0xF0...0xF4:
            let lo: UInt8 = c0 == 0xF0 ? 0x90 : 0x80
            let hi: UInt8 = c0 == 0xF4 ? 0x8F : 0xBF
            guard let c1 = cont(i + 1, lo, hi), let c2 = cont(i + 2), let c3 = cont(i + 3) else { return bad }
            return (Unicode.Scalar((UInt32(c0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3) ?? "\u{FFFD}", 4)
        default:
            return bad
        }
    }

    /// Go's `base64.StdEncoding.DecodeString`: padded standard alphabet; `\r` and `\n` are ignored anywhere.
    static func base64Decode(_ s: String) -> [UInt8]? {
        var quads: [UInt8] = []
        quads.reserveCapacity(s.utf8.count)
        for c in s.utf8 where c != 10 && c != 13 { quads.append(c) }
        if quads.count % 4 != 0 { return nil }
        func val(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): return c - 65
            case UInt8(ascii: "a")...UInt8(ascii: "z"): return c - 97 + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - 48 + 52
            case UInt8(ascii: "+"): return 62
            case UInt8(ascii: "/"): return 63
            default: return nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(quads.count / 4 * 3)
        var i = 0
        while i < quads.count {
            let last = i + 4 == quads.count
            let c = quads[i..<i + 4]
            guard let a = val(c[i]), let b = val(c[i + 1]) else { return nil }
            out.append(a << 2 | b >> 4)
            if c[i + 2] == UInt8(ascii: "=") {
                guard last, c[i + 3] == UInt8(ascii: "=") else { return nil }
                break
            }
            guard let d = val(c[i + 2]) else { return nil }
            out.append(b << 4 | d >> 2)
            if c[i + 3] == UInt8(ascii: "=") {
                guard last else { return nil }
                break
            }
            guard let e = val(c[i + 3]) else { return nil }
            out.append(d << 6 | e)
            i += 4
        }
        return out
    }
}

/// Go's `strconv.ParseInt(s, 0, 64)` and `ParseUint(s, 0, 64)` on text whose underscores were removed.
enum GoParse {
    /// Base prefixes `0x`/`0X`, `0o`/`0O`, `0b`/`0B` (need a digit after them), a leading `0` means octal.
    private static func parseMagnitude(_ s: ArraySlice<UInt8>) -> UInt64? {
        guard let first = s.first else { return nil }
        var base: UInt64 = 10
        var digits = s
        if first == UInt8(ascii: "0") {
            let lower = s.count >= 3 ? s[s.startIndex + 1] | 0x20 : 0
            switch lower {
            case UInt8(ascii: "b"): base = 2; digits = s.dropFirst(2)
            case UInt8(ascii: "o"): base = 8; digits = s.dropFirst(2)
            case UInt8(ascii: "x"): base = 16; digits = s.dropFirst(2)
            default: base = 8; digits = s.dropFirst(1)
            }
        }
        var n: UInt64 = 0
        for c in digits {
            let d: UInt64
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt64(c - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): d = UInt64(c - 97 + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): d = UInt64(c - 65 + 10)
            default: return nil
            }
            if d >= base { return nil }
            let (m, o1) = n.multipliedReportingOverflow(by: base)
            let (a, o2) = m.addingReportingOverflow(d)
            if o1 || o2 { return nil }
            n = a
        }
        return n
    }

    static func parseUint(_ s: [UInt8]) -> UInt64? {
        parseMagnitude(s[...])
    }

    static func parseInt(_ s: [UInt8]) -> Int? {
        guard let first = s.first else { return nil }
        var neg = false
        var body = s[...]
        if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            neg = first == UInt8(ascii: "-")
            body = s.dropFirst()
        }
        guard let m = parseMagnitude(body) else { return nil }
        if neg {
            if m > UInt64(Int.max) + 1 { return nil }
            return m == UInt64(Int.max) + 1 ? Int.min : -Int(m)
        }
        return m > UInt64(Int.max) ? nil : Int(m)
    }
}
