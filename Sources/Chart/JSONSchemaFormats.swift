// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
// The `format` keyword as santhosh-tekuri/jsonschema v6 (Helm's schema validator) asserts it: for drafts 4, 6 and 7
// only (2019-09 and 2020-12 treat `format` as an annotation unless the metaschema requires the format vocabulary,
// which the standard ones do not, and Helm does not call `AssertFormat`), for its known formats only, and for string
// values only. The message is the library's `kind.Format`: "'VALUE' is not valid FORMAT: REASON", where REASON is
// its own text or the error of the Go standard library function it leans on (net/netip.ParseAddr, net/url.Parse,
// time.Parse, strconv.Atoi, regexp.Compile), in Go 1.25's words.
//
// Go strings are byte strings: lengths, indexes and slices below are in UTF-8 bytes, as the library's are; loops
// over runes decode as Go's `range` does.

import GoRegex
import GoRuntime

enum JSONSchemaFormats {
    /// Whether the library asserts `format` in a schema of this draft.
    static func asserted(draft: Int) -> Bool { draft < 2019 }

    /// The library's error message for `value` under `format`; nil when it validates, is not a string, or the
    /// format is not one the library knows.
    static func check(format: String, value: Value) -> String? {
        guard case .string(let s) = value, let reason = reason(format: format, Array(s.utf8)) else { return nil }
        return "\(schemaQuote(s)) is not valid \(format): \(reason)"
    }

    /// Why `s` is not of `format` (nil: it is, or the format is unknown).
    static func reason(format: String, _ s: [UInt8]) -> String? {
        switch format {
        case "json-pointer": return jsonPointer(s)
        case "relative-json-pointer": return relativeJSONPointer(s)
        case "uuid": return uuid(s)
        case "duration": return duration(s)
        case "period": return period(s)
        case "ipv4": return ipv4(s)
        case "ipv6": return ipv6(s)
        case "hostname": return hostname(s)
        case "email": return email(s)
        case "date": return date(s)
        case "time": return time(s)
        case "date-time": return dateTime(s)
        case "uri", "iri": return uri(s)
        case "uri-reference", "iri-reference": return uriReference(s)
        case "uri-template": return uriTemplate(s)
        case "semver": return semver(s)
        case "regex": return GoRegexp.compileError(String(decoding: s, as: UTF8.self))
        default: return nil
        }
    }

    // MARK: byte-string helpers

    private static func b(_ c: Character) -> UInt8 { c.asciiValue ?? 0 }

    /// The runes of a Go string, as `for _, r := range s` yields them (an invalid byte is U+FFFD).
    static func runes(_ s: ArraySlice<UInt8>) -> [UInt32] {
        var out: [UInt32] = []
        var i = s.startIndex
        while i < s.endIndex {
            let c0 = s[i]
            if c0 < 0x80 { out.append(UInt32(c0)); i += 1; continue }
            var need = 0, r: UInt32 = 0, min: UInt32 = 0
            switch c0 {
            case 0xC2...0xDF: need = 1; r = UInt32(c0 & 0x1F); min = 0x80
            case 0xE0...0xEF: need = 2; r = UInt32(c0 & 0x0F); min = 0x800
            case 0xF0...0xF4: need = 3; r = UInt32(c0 & 0x07); min = 0x10000
            default: out.append(0xFFFD); i += 1; continue
            }
            var ok = i + need < s.endIndex
            if ok {
                for k in 1...need {
                    let c = s[i + k]
                    if c & 0xC0 != 0x80 { ok = false; break }
                    r = r << 6 | UInt32(c & 0x3F)
                }
            }
            if !ok || r < min || r > 0x10FFFF || (0xD800...0xDFFF).contains(r) {
                out.append(0xFFFD); i += 1; continue
            }
            out.append(r)
            i += need + 1
        }
        return out
    }

    static func runes(_ s: [UInt8]) -> [UInt32] { runes(s[...]) }

    /// Go's `%q` of a rune.
    private static func quoteRune(_ r: UInt32) -> String { GoStrconv.quoteRune(Int(r)) }

    private static func split(_ s: [UInt8], _ sep: UInt8) -> [[UInt8]] {
        s.split(separator: sep, omittingEmptySubsequences: false).map(Array.init)
    }

    private static func hasPrefix(_ s: [UInt8], _ p: String) -> Bool { s.starts(with: p.utf8) }

    private static func hasSuffix(_ s: [UInt8], _ p: String) -> Bool {
        let u = Array(p.utf8)
        return s.count >= u.count && Array(s[(s.count - u.count)...]) == u
    }

    private static func contains(_ s: [UInt8], _ p: String) -> Bool { s.firstRange(of: Array(p.utf8)) != nil }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    private static func str(_ s: [UInt8]) -> String { String(decoding: s, as: UTF8.self) }

    /// Go's `strconv.Atoi`: the value, or its error text (`strconv.Atoi: parsing "x": invalid syntax`).
    static func atoi(_ s: [UInt8]) -> Result<Int, AtoiError> {
        let fail: (String) -> Result<Int, AtoiError> = {
            .failure(
                AtoiError(
                    message:
                        "strconv.Atoi: parsing \(GoStrconv.quote(bytes: s)): \($0)"))
        }
        var digits = s[...]
        var neg = false
        if let f = digits.first, f == b("+") || f == b("-") {
            neg = f == b("-")
            digits = digits.dropFirst()
        }
        if digits.isEmpty { return fail("invalid syntax") }
        // ParseUint: a bad byte is a syntax error, unless the value overflowed before it.
        var n: UInt64 = 0
        let cutoff = UInt64.max / 10 + 1
        for c in digits {
            guard isDigit(c) else { return fail("invalid syntax") }
            if n >= cutoff { return fail("value out of range") }
            n *= 10
            let n1 = n &+ UInt64(c - 0x30)
            if n1 < n { return fail("value out of range") }
            n = n1
        }
        let limit: UInt64 = 1 << 63
        if !neg && n >= limit { return fail("value out of range") }
        if neg && n > limit { return fail("value out of range") }
        return .success(neg ? -Int(truncatingIfNeeded: n) : Int(truncatingIfNeeded: n))
    }

    struct AtoiError: Error { var message: String }

    // MARK: json-pointer, relative-json-pointer

    static func jsonPointer(_ s: [UInt8]) -> String? {
        if s.isEmpty { return nil }
        if !hasPrefix(s, "/") { return "not starting with /" }
        for tok in split(s, b("/")).dropFirst() {
            var escape = false
            for ch in runes(tok) {
                if escape {
                    escape = false
                    if ch != 0x30 && ch != 0x31 { return "~ must be followed by 0 or 1" }
                    continue
                }
                if ch == 0x7E { escape = true; continue }
                switch ch {
                case 0x00...0x2E, 0x30...0x7D, 0x7F...0x10FFFF: break
                default: return "invalid character \(quoteRune(ch))"
                }
            }
            if escape { return "~ must be followed by 0 or 1" }
        }
        return nil
    }

    static func relativeJSONPointer(_ s: [UInt8]) -> String? {
        let digits = s.prefix { isDigit($0) }.count
        if digits == 0 { return "must start with non-negative integer" }
        if digits > 1 && s[0] == b("0") { return "starts with zero" }
        let rest = Array(s[digits...])
        if rest == [b("#")] { return nil }
        return jsonPointer(rest)
    }

    // MARK: uuid

    static func uuid(_ s: [UInt8]) -> String? {
        let sizes = [8, 4, 4, 4, 12]
        let groups = split(s, b("-"))
        if groups.count != sizes.count { return "must have \(sizes.count) elements" }
        for (i, group) in groups.enumerated() {
            if group.count != sizes[i] { return "element \(i + 1) must be \(sizes[i]) characters long" }
            for ch in runes(group) {
                switch ch {
                case 0x30...0x39, 0x61...0x66, 0x41...0x46: break
                default: return "non-hex character \(quoteRune(ch))"
                }
            }
        }
        return nil
    }

    // MARK: duration, period

    static func duration(_ s: [UInt8]) -> String? {
        guard hasPrefix(s, "P") else { return "must start with P" }
        let s = Array(s.dropFirst())
        if s.isEmpty { return "nothing after P" }
        if hasSuffix(s, "W") {
            let week = s.dropLast()
            if week.isEmpty { return "no number in week" }
            for ch in runes(week) where ch < 0x30 || ch > 0x39 { return "invalid week" }
            return nil
        }
        let allUnits: [[UInt8]] = [Array("YMD".utf8), Array("HMS".utf8)]
        for (i, part) in split(s, b("T")).enumerated() {
            if i != 0 && part.isEmpty { return "no time elements" }
            if i >= allUnits.count { return "more than one T" }
            var units = allUnits[i][...]
            var rest = part[...]
            while !rest.isEmpty {
                let digits = rest.prefix { isDigit($0) }.count
                if digits == 0 { return "missing number" }
                rest = rest.dropFirst(digits)
                guard let unit = rest.first else { return "missing unit" }
                guard let j = units.firstIndex(of: unit) else {
                    if allUnits[i].contains(unit) { return "unit \(quoteRune(UInt32(unit))) out of order" }
                    return "invalid unit \(quoteRune(UInt32(unit)))"
                }
                units = units[(j + 1)...]
                rest = rest.dropFirst()
            }
        }
        return nil
    }

    static func period(_ s: [UInt8]) -> String? {
        guard let slash = s.firstIndex(of: b("/")) else { return "missing slash" }
        let start = Array(s[..<slash]), end = Array(s[(slash + 1)...])
        if hasPrefix(start, "P") {
            if let e = duration(start) { return "invalid start duration: \(e)" }
            if let e = dateTime(end) { return "invalid end date-time: \(e)" }
        } else {
            if let e = dateTime(start) { return "invalid start date-time: \(e)" }
            if hasPrefix(end, "P") {
                if let e = duration(end) { return "invalid end duration: \(e)" }
            } else if let e = dateTime(end) {
                return "invalid end date-time: \(e)"
            }
        }
        return nil
    }

    // MARK: ipv4, ipv6

    static func ipv4(_ s: [UInt8]) -> String? {
        let groups = split(s, b("."))
        if groups.count != 4 { return "expected four decimals" }
        for group in groups {
            if group.count > 1 && group[0] == b("0") { return "leading zeros" }
            switch atoi(group) {
            case .failure(let e): return e.message
            case .success(let n): if n < 0 || n > 255 { return "decimal must be between 0 and 255" }
            }
        }
        return nil
    }

    static func ipv6(_ s: [UInt8]) -> String? {
        if !s.contains(b(":")) { return "missing colon" }
        switch NetIP.parseAddr(s) {
        case .failure(let e): return e.message
        case .success(let addr): if !addr.zone.isEmpty { return "zone id is not a part of ipv6 address" }
        }
        return nil
    }

    // MARK: hostname, email

    static func hostname(_ s: [UInt8]) -> String? {
        var s = s
        if s.last == b(".") { s.removeLast() }
        if s.count > 253 { return "more than 253 characters long" }
        for label in split(s, b(".")) {
            if label.isEmpty || label.count > 63 { return "label must be 1 to 63 characters long" }
            if label.first == b("-") { return "label starts with hyphen" }
            if label.last == b("-") { return "label ends with hyphen" }
            for ch in runes(label) {
                switch ch {
                case 0x61...0x7A, 0x41...0x5A, 0x30...0x39, 0x2D: break
                default: return "invalid character \(quoteRune(ch))"
                }
            }
        }
        return nil
    }

    static func email(_ s: [UInt8]) -> String? {
        if s.count > 254 { return "more than 255 characters long" }
        guard let at = s.lastIndex(of: b("@")) else { return "missing @" }
        let local = Array(s[..<at])
        var domain = Array(s[(at + 1)...])
        if local.count > 64 { return "local part more than 64 characters long" }
        // The library tests the opening quote twice (never the closing one), and drops the last byte as if it were.
        if local.count > 1 && local[0] == b("\"") {
            let inner = local[1..<(local.count - 1)]
            if inner.contains(b("\\")) || inner.contains(b("\"")) {
                return "backslash and quote are not allowed within quoted local part"
            }
        } else {
            if local.first == b(".") { return "starts with dot" }
            if local.last == b(".") { return "ends with dot" }
            if contains(local, "..") { return "consecutive dots" }
            let allowed = Set(".!#$%&'*+-/=?^_`{|}~".unicodeScalars.map(\.value))
            for ch in runes(local) {
                switch ch {
                case 0x61...0x7A, 0x41...0x5A, 0x30...0x39: break
                default: if !allowed.contains(ch) { return "invalid character \(quoteRune(ch))" }
                }
            }
        }
        if hasPrefix(domain, "[") && hasSuffix(domain, "]") {
            domain = Array(domain.dropFirst().dropLast())
            if hasPrefix(domain, "IPv6:") {
                if let e = ipv6(Array(domain.dropFirst(5))) { return "invalid ipv6 address: \(e)" }
                return nil
            }
            if let e = ipv4(domain) { return "invalid ipv4 address: \(e)" }
            return nil
        }
        if let e = hostname(domain) { return "invalid domain: \(e)" }
        return nil
    }

    // MARK: date, time, date-time

    /// `time.Parse("2006-01-02", s)`'s error text.
    static func date(_ s: [UInt8]) -> String? {
        let layout = "2006-01-02"
        let q = GoTimeQuote.quote
        func cannot(_ value: ArraySlice<UInt8>, _ elem: String) -> String {
            "parsing time \(q(s[...])) as \(q(Array(layout.utf8)[...])): cannot parse \(q(value)) as \(q(Array(elem.utf8)[...]))"
        }
        var value = s[...]
        // 2006: four bytes, the first a digit, all of them digits for time's atoi.
        guard value.count >= 4, isDigit(value[value.startIndex]) else { return cannot(value, "2006") }
        let yearText = value.prefix(4)
        guard yearText.allSatisfy(isDigit) else { return cannot(value, "2006") }
        let year = yearText.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        value = value.dropFirst(4)
        // "-"
        guard value.first == b("-") else { return cannot(value, "-") }
        value = value.dropFirst()
        // 01
        guard value.count >= 2, isDigit(value[value.startIndex]), isDigit(value[value.startIndex + 1])
        else { return cannot(value, "01") }
        let month = Int(value[value.startIndex] - 0x30) * 10 + Int(value[value.startIndex + 1] - 0x30)
        value = value.dropFirst(2)
        if month < 1 || month > 12 { return "parsing time \(q(s[...])): month out of range" }
        guard value.first == b("-") else { return cannot(value, "-") }
        value = value.dropFirst()
        // 02
        guard value.count >= 2, isDigit(value[value.startIndex]), isDigit(value[value.startIndex + 1])
        else { return cannot(value, "02") }
        let day = Int(value[value.startIndex] - 0x30) * 10 + Int(value[value.startIndex + 1] - 0x30)
        value = value.dropFirst(2)
        if !value.isEmpty { return "parsing time \(q(s[...])): extra text: \(q(value))" }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        if day < 1 || day > days { return "parsing time \(q(s[...])): day out of range" }
        return nil
    }

    static func time(_ str: [UInt8]) -> String? {
        if str.count < 9 { return "less than 9 characters long" }
        if str[2] != b(":") || str[5] != b(":") { return "missing colon in correct place" }
        var hms: [Int] = []
        for tok in [str[0..<2], str[3..<5], str[6..<8]] {
            guard case .success(let i) = atoi(Array(tok)) else { return "invalid hour/min/sec" }
            if i < 0 { return "non-positive hour/min/sec" }
            hms.append(i)
        }
        var h = hms[0], m = hms[1]
        let s = hms[2]
        if h > 23 || m > 59 || s > 60 { return "hour/min/sec out of range" }
        var rest = str[8...]
        if rest.first == b(".") {
            rest = rest.dropFirst()
            let digits = rest.prefix { isDigit($0) }.count
            if digits == 0 { return "no digits in second fraction" }
            rest = rest.dropFirst(digits)
        }
        if !(rest.count == 1 && (rest.first == b("z") || rest.first == b("Z"))) {
            if rest.count != 6 { return "offset must be 6 characters long" }
            let sign: Int
            switch rest[rest.startIndex] {
            case b("+"): sign = -1
            case b("-"): sign = 1
            default: return "offset must begin with plus/minus"
            }
            let off = Array(rest.dropFirst())
            if off[2] != b(":") { return "missing colon in offset in correct place" }
            var zhm: [Int] = []
            for tok in [off[0..<2], off[3..<5]] {
                guard case .success(let i) = atoi(Array(tok)) else { return "invalid hour/min in offset" }
                if i < 0 { return "non-positive hour/min in offset" }
                zhm.append(i)
            }
            if zhm[0] > 23 || zhm[1] > 59 { return "hour/min in offset out of range" }
            var hm = (h * 60 + m) + sign * (zhm[0] * 60 + zhm[1])
            if hm < 0 { hm += 24 * 60 }
            h = hm / 60
            m = hm % 60
        }
        if s >= 60 && (h != 23 || m != 59) { return "invalid leap second" }
        return nil
    }

    static func dateTime(_ s: [UInt8]) -> String? {
        if s.count < 20 { return "less than 20 characters long" }
        if s[10] != b("t") && s[10] != b("T") { return "11th character must be t or T" }
        if let e = date(Array(s[..<10])) { return "invalid date element: \(e)" }
        if let e = time(Array(s[11...])) { return "invalid time element: \(e)" }
        return nil
    }

    // MARK: uri, uri-reference, uri-template

    /// The library's `parseURL`: Go's `url.Parse`, then a check of an IPv6 host (which must be in brackets and
    /// have no zone).
    static func parseURL(_ s: [UInt8]) -> Result<GoURLParts, GoURLError> {
        let u: GoURLParts
        switch GoURLParts.parse(s) {
        case .failure(let e): return .failure(e)
        case .success(let parts): u = parts
        }
        let hostName = u.hostname
        if hostName.contains(b(":")) {
            if !u.host.contains(b("[")) || !u.host.contains(b("]")) {
                return .failure(GoURLError(message: "ipv6 address not enclosed in brackets"))
            }
            if let e = ipv6(hostName) { return .failure(GoURLError(message: "invalid ipv6 address: \(e)")) }
        }
        return .success(u)
    }

    static func uri(_ s: [UInt8]) -> String? {
        switch parseURL(s) {
        case .failure(let e): return e.message
        case .success(let u): return u.scheme.isEmpty ? "relative url" : nil
        }
    }

    static func uriReference(_ s: [UInt8]) -> String? {
        if s.contains(b("\\")) { return "contains \\" }
        if case .failure(let e) = parseURL(s) { return e.message }
        return nil
    }

    static func uriTemplate(_ s: [UInt8]) -> String? {
        let u: GoURLParts
        switch parseURL(s) {
        case .failure(let e): return e.message
        case .success(let parts): u = parts
        }
        for raw in split(u.rawPath, b("/")) {
            let tok: [UInt8]
            switch GoURLParts.unescape(raw, mode: .pathSegment) {
            case .failure(let e): return "percent decode failed: \(e.message)"
            case .success(let t): tok = t
            }
            var want = true
            for ch in runes(tok) {
                let got: Bool
                switch ch {
                case 0x7B: got = true
                case 0x7D: got = false
                default: continue
                }
                if got != want { return "nested curly braces" }
                want.toggle()
            }
            if !want { return "no matching closing brace" }
        }
        return nil
    }

    // MARK: semver

    static func semver(_ s: [UInt8]) -> String? {
        var s = s
        func identChar(_ ch: UInt32) -> Bool {
            (0x61...0x7A).contains(ch) || (0x41...0x5A).contains(ch) || ch == 0x2D
        }
        if let i = s.firstIndex(of: b("+")) {
            let build = Array(s[(i + 1)...])
            if build.isEmpty { return "build is empty" }
            for id in split(build, b(".")) {
                if id.isEmpty { return "build identifier is empty" }
                for ch in runes(id) where !((0x30...0x39).contains(ch) || identChar(ch)) {
                    return "invalid character \(quoteRune(ch)) in build identifier"
                }
            }
            s = Array(s[..<i])
        }
        if let i = s.firstIndex(of: b("-")) {
            for id in split(Array(s[(i + 1)...]), b(".")) {
                if id.isEmpty { return "pre-release identifier is empty" }
                var allDigits = true
                for ch in runes(id) {
                    if (0x30...0x39).contains(ch) { continue }
                    if identChar(ch) { allDigits = false; continue }
                    return "invalid character \(quoteRune(ch)) in pre-release identifier"
                }
                if allDigits && id.count > 1 && id[0] == b("0") {
                    return "pre-release numeric identifier starts with zero"
                }
            }
            s = Array(s[..<i])
        }
        let versions = split(s, b("."))
        if versions.count != 3 { return "versionCore must have 3 numbers separated by dot" }
        for (name, version) in zip(["major", "minor", "patch"], versions) {
            if version.isEmpty { return "\(name) is empty" }
            if version.count > 1 && version[0] == b("0") { return "\(name) starts with zero" }
            for ch in runes(version) where ch < 0x30 || ch > 0x39 { return "\(name) contains non-digit" }
        }
        return nil
    }
}

/// time's own `quote` (used in *time.ParseError): ASCII printable bytes as they are (`"` and `\` escaped), every
/// other byte as `\xNN`.
enum GoTimeQuote {
    static func quote(_ s: ArraySlice<UInt8>) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = [0x22]
        for c in s {
            if c >= 0x80 || c < 0x20 {
                out += [0x5C, 0x78, hex[Int(c >> 4)], hex[Int(c & 0xF)]]
            } else {
                if c == 0x22 || c == 0x5C { out.append(0x5C) }
                out.append(c)
            }
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }
}
