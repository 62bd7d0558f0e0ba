// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
// Go's net/url and net/netip parsers, as far as this project needs them: the scheme, host and raw path
// `url.Parse` finds, `netip.ParseAddr`'s verdict, and both packages' error texts (Go 1.25's words). Used to tell a
// `-f`/`--set-file` URL from a file path (`GoURL`) and by the values schema's `uri`/`ipv4`/`ipv6` formats.

// MARK: - net/netip

/// Go 1.25's `netip.ParseAddr`, as far as its result's zone and its error texts.
public enum NetIP {
    public struct Addr: Sendable { public var is4: Bool; public var zone: [UInt8] }
    public struct ParseError: Error, Sendable { public var message: String }

    private static func fail(_ input: [UInt8], _ msg: String, at: ArraySlice<UInt8>? = nil) -> ParseError {
        var m = "ParseAddr(\(GoStrconv.quote(bytes: input))): \(msg)"
        if let at, !at.isEmpty { m += " (at \(GoStrconv.quote(bytes: Array(at))))" }
        return ParseError(message: m)
    }

    public static func parseAddr(_ s: [UInt8]) -> Result<Addr, ParseError> {
        for c in s {
            switch c {
            case UInt8(ascii: "."):
                if let e = parseIPv4Fields(s, s[...]) { return .failure(e) }
                return .success(Addr(is4: true, zone: []))
            case UInt8(ascii: ":"): return parseIPv6(s)
            case UInt8(ascii: "%"): return .failure(fail(s, "missing IPv6 address"))
            default: continue
            }
        }
        return .failure(fail(s, "unable to parse IP"))
    }

    /// parseIPv4Fields: `part` (a slice of `input`) as four dotted decimals; errors name the whole input.
    private static func parseIPv4Fields(_ input: [UInt8], _ part: ArraySlice<UInt8>) -> ParseError? {
        var val = 0, pos = 0, digLen = 0
        var i = part.startIndex
        while i < part.endIndex {
            let c = part[i]
            if c >= 0x30 && c <= 0x39 {
                if digLen == 1 && val == 0 { return fail(input, "IPv4 field has octet with leading zero") }
                val = val * 10 + Int(c - 0x30)
                digLen += 1
                if val > 255 { return fail(input, "IPv4 field has value >255") }
            } else if c == UInt8(ascii: ".") {
                if i == part.startIndex || i == part.endIndex - 1 || part[i - 1] == UInt8(ascii: ".") {
                    return fail(input, "IPv4 field must have at least one digit", at: part[i...])
                }
                if pos == 3 { return fail(input, "IPv4 address too long") }
                pos += 1
                val = 0
                digLen = 0
            } else {
                return fail(input, "unexpected character", at: part[i...])
            }
            i += 1
        }
        if pos < 3 { return fail(input, "IPv4 address too short") }
        return nil
    }

    private static func parseIPv6(_ input: [UInt8]) -> Result<Addr, ParseError> {
        var s = input[...]
        var zone: [UInt8] = []
        if let p = input.firstIndex(of: UInt8(ascii: "%")) {
            s = input[..<p]
            zone = Array(input[(p + 1)...])
            if zone.isEmpty { return .failure(fail(input, "zone must be a non-empty string")) }
        }
        var ellipsis = -1
        if s.count >= 2, s[s.startIndex] == UInt8(ascii: ":"), s[s.startIndex + 1] == UInt8(ascii: ":") {
            ellipsis = 0
            s = s.dropFirst(2)
            if s.isEmpty { return .success(Addr(is4: false, zone: zone)) }
        }
        var i = 0
        while i < 16 {
            var off = 0
            while off < s.count {
                let c = s[s.startIndex + off]
                let isHex = (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)
                if !isHex { break }
                if off > 3 { return .failure(fail(input, "each group must have 4 or less digits", at: s)) }
                off += 1
            }
            if off == 0 {
                return .failure(fail(input, "each colon-separated field must have at least one digit", at: s))
            }
            if off < s.count && s[s.startIndex + off] == UInt8(ascii: ".") {
                if ellipsis < 0 && i != 12 {
                    return .failure(
                        fail(
                            input, "embedded IPv4 address must replace the final 2 fields of the address",
                            at: s))
                }
                if i + 4 > 16 {
                    return .failure(
                        fail(
                            input, "too many hex fields to fit an embedded IPv4 at the end of the address",
                            at: s))
                }
                if let e = parseIPv4Fields(input, s) { return .failure(e) }
                s = s[s.endIndex...]
                i += 4
                break
            }
            i += 2
            s = s.dropFirst(off)
            if s.isEmpty { break }
            if s[s.startIndex] != UInt8(ascii: ":") {
                return .failure(fail(input, "unexpected character, want colon", at: s))
            } else if s.count == 1 {
                return .failure(fail(input, "colon must be followed by more characters", at: s))
            }
            s = s.dropFirst()
            if s[s.startIndex] == UInt8(ascii: ":") {
                if ellipsis >= 0 { return .failure(fail(input, "multiple :: in address", at: s)) }
                ellipsis = i
                s = s.dropFirst()
                if s.isEmpty { break }
            }
        }
        if !s.isEmpty { return .failure(fail(input, "trailing garbage after address", at: s)) }
        if i < 16 {
            if ellipsis < 0 { return .failure(fail(input, "address string too short")) }
        } else if ellipsis >= 0 {
            return .failure(fail(input, "the :: must expand to at least one field of zeros"))
        }
        return .success(Addr(is4: false, zone: zone))
    }
}

// MARK: - net/url

public struct GoURLError: Error, Sendable {
    public var message: String
    public init(message: String) { self.message = message }
}

/// What Go 1.25's `url.Parse` makes of a string, as far as the library looks at it: the scheme, the (unescaped)
/// host, and `RawPath`; or its error text (`parse "RAW": REASON`).
public struct GoURLParts: Sendable {
    public var scheme: [UInt8] = []
    public var host: [UInt8] = []
    public var rawPath: [UInt8] = []

    public enum Mode: Sendable { case path, pathSegment, host, zone, userPassword, fragment }

    /// `URL.Hostname()`: the host without its port and brackets.
    public var hostname: [UInt8] {
        var h = host[...]
        if let colon = h.lastIndex(of: UInt8(ascii: ":")), Self.validOptionalPort(h[colon...]) {
            h = h[..<colon]
        }
        if h.first == UInt8(ascii: "["), h.last == UInt8(ascii: "]"), h.count >= 2 {
            h = h.dropFirst().dropLast()
        }
        return Array(h)
    }

    public static func parse(_ raw: [UInt8]) -> Result<GoURLParts, GoURLError> {
        let hash = raw.firstIndex(of: UInt8(ascii: "#"))
        let main = hash.map { Array(raw[..<$0]) } ?? raw
        var u: GoURLParts
        switch parseMain(main) {
        case .failure(let e):
            return .failure(GoURLError(message: "parse \(GoStrconv.quote(bytes: main)): \(e.message)"))
        case .success(let parts): u = parts
        }
        if let hash, hash + 1 < raw.count {
            if case .failure(let e) = unescape(Array(raw[(hash + 1)...]), mode: .fragment) {
                return .failure(GoURLError(message: "parse \(GoStrconv.quote(bytes: raw)): \(e.message)"))
            }
        }
        u.scheme = u.scheme.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
        return .success(u)
    }

    private static func has(_ s: [UInt8], prefix: String) -> Bool { s.starts(with: prefix.utf8) }

    /// net/url's `parse(rawURL, viaRequest: false)`.
    private static func parseMain(_ raw: [UInt8]) -> Result<GoURLParts, GoURLError> {
        var u = GoURLParts()
        if raw.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            return .failure(GoURLError(message: "net/url: invalid control character in URL"))
        }
        if raw == [UInt8(ascii: "*")] { return .success(u) }
        var rest: [UInt8]
        switch getScheme(raw) {
        case .failure(let e): return .failure(e)
        case .success(let (scheme, r)): u.scheme = scheme; rest = r
        }
        let question = UInt8(ascii: "?")
        if rest.last == question, rest.filter({ $0 == question }).count == 1 {
            rest.removeLast()
        } else if let q = rest.firstIndex(of: question) {
            rest = Array(rest[..<q])
        }
        if !has(rest, prefix: "/") {
            if !u.scheme.isEmpty { return .success(u) }  // opaque
            let segment =
                rest.split(separator: UInt8(ascii: "/"), maxSplits: 1, omittingEmptySubsequences: false)
                .first ?? []
            if segment.contains(UInt8(ascii: ":")) {
                return .failure(GoURLError(message: "first path segment in URL cannot contain colon"))
            }
        }
        if (!u.scheme.isEmpty || !has(rest, prefix: "///")) && has(rest, prefix: "//") {
            var authority = Array(rest.dropFirst(2))
            rest = []
            if let slash = authority.firstIndex(of: UInt8(ascii: "/")) {
                rest = Array(authority[slash...])
                authority = Array(authority[..<slash])
            }
            switch parseAuthority(authority) {
            case .failure(let e): return .failure(e)
            case .success(let h): u.host = h
            }
        }
        // setPath: RawPath is kept only when the default escaping of the unescaped path differs.
        switch unescape(rest, mode: .path) {
        case .failure(let e): return .failure(e)
        case .success(let path): u.rawPath = escape(path, mode: .path) == rest ? [] : rest
        }
        return .success(u)
    }

    private static func getScheme(_ raw: [UInt8]) -> Result<([UInt8], [UInt8]), GoURLError> {
        for (i, c) in raw.enumerated() {
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if i == 0 { return .success(([], raw)) }
            case UInt8(ascii: ":"):
                if i == 0 { return .failure(GoURLError(message: "missing protocol scheme")) }
                return .success((Array(raw[..<i]), Array(raw[(i + 1)...])))
            default:
                return .success(([], raw))
            }
        }
        return .success(([], raw))
    }

    private static func parseAuthority(_ authority: [UInt8]) -> Result<[UInt8], GoURLError> {
        let at = authority.lastIndex(of: UInt8(ascii: "@"))
        let host: [UInt8]
        switch parseHost(at.map { Array(authority[($0 + 1)...]) } ?? authority) {
        case .failure(let e): return .failure(e)
        case .success(let h): host = h
        }
        guard let at else { return .success(host) }
        let userinfo = Array(authority[..<at])
        let allowed = Set("-._:~!$&'()*+,;=%@".utf8)
        for c in userinfo where !(isAlphanumeric(c) || allowed.contains(c)) {
            return .failure(GoURLError(message: "net/url: invalid userinfo"))
        }
        for part in userinfo.split(separator: UInt8(ascii: ":"), maxSplits: 1, omittingEmptySubsequences: false) {
            if case .failure(let e) = unescape(Array(part), mode: .userPassword) { return .failure(e) }
        }
        return .success(host)
    }

    /// parseHost (Go 1.25, with the bracketed-host checks of its security releases): the unescaped host.
    private static func parseHost(_ host: [UInt8]) -> Result<[UInt8], GoURLError> {
        if let open = host.lastIndex(of: UInt8(ascii: "[")) {
            if open > 0 { return .failure(GoURLError(message: "invalid IP-literal")) }
            guard let close = host.lastIndex(of: UInt8(ascii: "]")) else {
                return .failure(GoURLError(message: "missing ']' in host"))
            }
            let colonPort = host[(close + 1)...]
            if !validOptionalPort(colonPort) {
                return .failure(
                    GoURLError(
                        message:
                            "invalid port \(GoStrconv.quote(bytes: Array(colonPort))) after host"))
            }
            let port: [UInt8]
            switch unescape(Array(colonPort), mode: .host) {
            case .failure(let e): return .failure(e)
            case .success(let p): port = p
            }
            guard close >= 1 else { return .failure(GoURLError(message: "missing ']' in host")) }
            let name = Array(host[1..<close])
            var unescaped: [UInt8]
            if let z = name.firstRange(of: Array("%25".utf8)) {
                switch unescape(Array(name[..<z.lowerBound]), mode: .host) {
                case .failure(let e): return .failure(e)
                case .success(let h): unescaped = h
                }
                switch unescape(Array(name[z.lowerBound...]), mode: .zone) {
                case .failure(let e): return .failure(e)
                case .success(let zone): unescaped += zone
                }
            } else {
                switch unescape(name, mode: .host) {
                case .failure(let e): return .failure(e)
                case .success(let h): unescaped = h
                }
            }
            switch NetIP.parseAddr(unescaped) {
            case .failure(let e): return .failure(GoURLError(message: "invalid host: \(e.message)"))
            case .success(let addr):
                if addr.is4 { return .failure(GoURLError(message: "invalid IP-literal")) }
            }
            return .success([UInt8(ascii: "[")] + unescaped + [UInt8(ascii: "]")] + port)
        }
        if let colon = host.lastIndex(of: UInt8(ascii: ":")) {
            let colonPort = host[colon...]
            if !validOptionalPort(colonPort) {
                return .failure(
                    GoURLError(
                        message:
                            "invalid port \(GoStrconv.quote(bytes: Array(colonPort))) after host"))
            }
        }
        return unescape(host, mode: .host)
    }

    static func validOptionalPort(_ port: ArraySlice<UInt8>) -> Bool {
        if port.isEmpty { return true }
        return port.first == UInt8(ascii: ":") && port.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    private static func isAlphanumeric(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
    }

    private static func isHex(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
    }

    private static func unhex(_ c: UInt8) -> UInt8 {
        switch c {
        case 48...57: return c - 48
        case 65...70: return c - 55
        default: return c - 87
        }
    }

    /// net/url's `shouldEscape`.
    static func shouldEscape(_ c: UInt8, mode: Mode) -> Bool {
        if isAlphanumeric(c) { return false }
        if mode == .host || mode == .zone {
            if Array("!$&'()*+,;=:[]<>\"".utf8).contains(c) { return false }
        }
        switch c {
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            return false
        case UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: "/"),
            UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "@"):
            switch mode {
            case .path: return c == UInt8(ascii: "?")
            case .pathSegment: return [UInt8(ascii: "/"), UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: "?")].contains(c)
            case .userPassword: return [UInt8(ascii: "@"), UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: ":")].contains(c)
            case .fragment: return false
            case .host, .zone: break
            }
        default: break
        }
        if mode == .fragment, Array("!()*".utf8).contains(c) { return false }
        return true
    }

    /// net/url's `unescape`.
    public static func unescape(_ s: [UInt8], mode: Mode) -> Result<[UInt8], GoURLError> {
        func escapeError(_ part: ArraySlice<UInt8>) -> GoURLError {
            GoURLError(message: "invalid URL escape \(GoStrconv.quote(bytes: Array(part)))")
        }
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == UInt8(ascii: "%") {
                if i + 2 >= s.count || !isHex(s[i + 1]) || !isHex(s[i + 2]) {
                    return .failure(escapeError(s[i..<min(s.count, i + 3)]))
                }
                let isPercent = s[i + 1] == UInt8(ascii: "2") && s[i + 2] == UInt8(ascii: "5")
                if mode == .host && unhex(s[i + 1]) < 8 && !isPercent {
                    return .failure(escapeError(s[i..<(i + 3)]))
                }
                if mode == .zone {
                    let v = unhex(s[i + 1]) << 4 | unhex(s[i + 2])
                    if !isPercent && v != UInt8(ascii: " ") && shouldEscape(v, mode: .host) {
                        return .failure(escapeError(s[i..<(i + 3)]))
                    }
                }
                i += 3
                continue
            }
            if (mode == .host || mode == .zone) && c < 0x80 && shouldEscape(c, mode: mode) {
                return .failure(
                    GoURLError(
                        message:
                            "invalid character \(GoStrconv.quote(bytes: [c])) in host name"))
            }
            i += 1
        }
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        i = 0
        while i < s.count {
            if s[i] == UInt8(ascii: "%") {
                out.append(unhex(s[i + 1]) << 4 | unhex(s[i + 2]))
                i += 3
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return .success(out)
    }

    /// net/url's `escape` (no query-component mode here).
    public static func escape(_ s: [UInt8], mode: Mode) -> [UInt8] {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        for c in s {
            if shouldEscape(c, mode: mode) {
                out += [UInt8(ascii: "%"), hex[Int(c >> 4)], hex[Int(c & 15)]]
            } else {
                out.append(c)
            }
        }
        return out
    }
}
