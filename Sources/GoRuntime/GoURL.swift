/// Go's `net/url.Parse`, as far as a caller needs it to tell a URL from a file path: the scheme it finds, or
/// the error it reports (`parse "a%zz": invalid URL escape "%zz"`), in Go 1.25's words.
///
/// Checked as Go checks them: control characters, a scheme that starts with `:`, a colon in the first segment
/// of a relative path, `%` escapes in the path, fragment, user info and host, characters a host may not hold,
/// the port after a host, and a `[` host without its `]`. Not checked: whether a bracketed host is a valid
/// IPv6 address (Go 1.25 runs it through netip.ParseAddr).
public enum GoURL {
    /// The lower-cased scheme `url.Parse(raw)` finds (`""` when there is none).
    /// - Throws: Go's `*url.Error` text, `parse "RAW": REASON`.
    public static func scheme(_ raw: String) throws(GoError) -> String {
        let bytes = Array(raw.utf8)
        // url.Parse cuts the fragment off first; errors in the rest name the rest only.
        let hash = bytes.firstIndex(of: UInt8(ascii: "#"))
        let main = hash.map { Array(bytes[..<$0]) } ?? bytes
        let scheme: String
        do {
            scheme = try parse(main)
        } catch {
            throw GoError("parse \(GoStrconv.quote(String(decoding: main, as: UTF8.self))): \(error.message)")
        }
        if let hash {
            do {
                try unescape(Array(bytes[(hash + 1)...]), host: false)
            } catch {
                throw GoError("parse \(GoStrconv.quote(raw)): \(error.message)")
            }
        }
        return scheme
    }

    private static func has(_ s: [UInt8], prefix: String) -> Bool { s.starts(with: prefix.utf8) }

    /// net/url's `parse(rawURL, viaRequest: false)`.
    private static func parse(_ raw: [UInt8]) throws(GoError) -> String {
        if raw.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            throw GoError("net/url: invalid control character in URL")
        }
        if raw == Array("*".utf8) { return "" }
        var (scheme, rest) = try getScheme(raw)
        scheme = scheme.lowercased()
        let question = UInt8(ascii: "?")
        if rest.last == question, rest.filter({ $0 == question }).count == 1 {
            rest.removeLast()
        } else if let q = rest.firstIndex(of: question) {
            rest = Array(rest[..<q])
        }
        if !has(rest, prefix: "/") {
            if !scheme.isEmpty { return scheme }  // an opaque URL, such as mailto:x
            let segment = rest.split(separator: UInt8(ascii: "/"), maxSplits: 1, omittingEmptySubsequences: false).first ?? []
            if segment.contains(UInt8(ascii: ":")) {
                throw GoError("first path segment in URL cannot contain colon")
            }
        }
        if (!scheme.isEmpty || !has(rest, prefix: "///")) && has(rest, prefix: "//") {
            var authority = Array(rest.dropFirst(2))
            rest = []
            if let slash = authority.firstIndex(of: UInt8(ascii: "/")) {
                rest = Array(authority[slash...])
                authority = Array(authority[..<slash])
            }
            try parseAuthority(authority)
        }
        try unescape(rest, host: false)
        return scheme
    }

    /// net/url's `getScheme`: letters, then letters, digits, `+`, `-` or `.`, up to a colon.
    private static func getScheme(_ raw: [UInt8]) throws(GoError) -> (String, [UInt8]) {
        for (i, c) in raw.enumerated() {
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if i == 0 { return ("", raw) }
            case UInt8(ascii: ":"):
                if i == 0 { throw GoError("missing protocol scheme") }
                return (String(decoding: raw[..<i], as: UTF8.self), Array(raw[(i + 1)...]))
            default:
                return ("", raw)
            }
        }
        return ("", raw)
    }

    private static func parseAuthority(_ authority: [UInt8]) throws(GoError) {
        let at = authority.lastIndex(of: UInt8(ascii: "@"))
        try parseHost(at.map { Array(authority[($0 + 1)...]) } ?? authority)
        guard let at else { return }
        let userinfo = Array(authority[..<at])
        let allowed = Set("-._:~!$&'()*+,;=%@".utf8)
        for c in userinfo where !(isAlphanumeric(c) || allowed.contains(c)) {
            throw GoError("net/url: invalid userinfo")
        }
        for part in userinfo.split(separator: UInt8(ascii: ":"), maxSplits: 1, omittingEmptySubsequences: false) {
            try unescape(Array(part), host: false)
        }
    }

    private static func parseHost(_ host: [UInt8]) throws(GoError) {
        if host.first == UInt8(ascii: "[") {
            guard let close = host.lastIndex(of: UInt8(ascii: "]")) else { throw GoError("missing ']' in host") }
            try checkPort(host[(close + 1)...])
        } else if let colon = host.lastIndex(of: UInt8(ascii: ":")) {
            try checkPort(host[colon...])
        }
        try unescape(host, host: true)
    }

    /// validOptionalPort: nothing, or a colon and digits.
    private static func checkPort(_ colonPort: ArraySlice<UInt8>) throws(GoError) {
        if colonPort.isEmpty { return }
        if colonPort.first == UInt8(ascii: ":"), colonPort.dropFirst().allSatisfy({ $0 >= 48 && $0 <= 57 }) { return }
        throw GoError("invalid port \(GoStrconv.quote(String(decoding: colonPort, as: UTF8.self))) after host")
    }

    private static func isAlphanumeric(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
    }

    private static func isHex(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
    }

    /// The ASCII characters a host may hold unescaped (shouldEscape in host mode is false for them).
    private static let hostCharacters = Set("!$&'()*+,;=:[]<>\"-_.~".utf8)

    /// net/url's `unescape` checks: well-formed `%XX` escapes; in a host, only escapes of bytes 0x80 and up
    /// (and `%25`), and no character a host may not hold.
    private static func unescape(_ s: [UInt8], host: Bool) throws(GoError) {
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == UInt8(ascii: "%") {
                guard i + 2 < s.count, isHex(s[i + 1]), isHex(s[i + 2]) else {
                    let bad = s[i..<min(s.count, i + 3)]
                    throw GoError("invalid URL escape \(GoStrconv.quote(String(decoding: bad, as: UTF8.self)))")
                }
                if host, hexValue(s[i + 1]) < 8, s[i...(i + 2)] != Array("%25".utf8)[...] {
                    throw GoError("invalid URL escape \(GoStrconv.quote(String(decoding: s[i...(i + 2)], as: UTF8.self)))")
                }
                i += 3
                continue
            }
            if host, c < 0x80, !isAlphanumeric(c), !hostCharacters.contains(c) {
                throw GoError("invalid character \(GoStrconv.quote(String(decoding: [c], as: UTF8.self))) in host name")
            }
            i += 1
        }
    }

    private static func hexValue(_ c: UInt8) -> UInt8 {
        switch c {
        case 48...57: return c - 48
        case 65...70: return c - 55
        default: return c - 87
        }
    }
}
