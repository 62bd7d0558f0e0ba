// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRegex
import GoRuntime
import GoTemplate

extension Sprig {
    /// Sprig's URL functions (url.go) over a port of Go's `net/url` parsing and printing.
    static func registerURL(into t: inout FunctionTable) {
        t.register(
            "urlParse",
            GoFunction([.string]) { a throws(GoError) in
                let u: GoURL
                do throws(GoError) {
                    u = try GoURL.parse(str(a[0]))
                } catch {
                    throw GoError("unable to parse url: \(error.message)")
                }
                return .dict([
                    "scheme": .string(u.scheme), "host": .string(u.host), "hostname": .string(u.hostname),
                    "path": .string(u.path), "query": .string(u.rawQuery), "opaque": .string(u.opaque),
                    "fragment": .string(u.fragment), "userinfo": .string(u.user?.string ?? ""),
                ])
            })
        t.register(
            "urlJoin",
            GoFunction([.map(.anyMap)]) { a throws(GoError) in
                let d = entries(a[0])
                func field(_ k: String) throws(GoError) -> String {
                    guard let v = d[k] else { return "" }
                    if v.isNull { throw GoError(nilDereference) }
                    guard case .string(let s) = v else {
                        throw GoError("unable to parse \(k) key, must be of type string, but \(v.kindName) found")
                    }
                    return s
                }
                var u = GoURL()
                u.scheme = try field("scheme")
                u.host = try field("host")
                u.path = try field("path")
                u.rawQuery = try field("query")
                u.opaque = try field("opaque")
                u.fragment = try field("fragment")
                let userinfo = try field("userinfo")
                if !userinfo.isEmpty {
                    do throws(GoError) {
                        u.user = try GoURL.parse("proto://\(userinfo)@host").user
                    } catch {
                        throw GoError("unable to parse userinfo in dict: \(error.message)")
                    }
                }
                return .string(u.string)
            })
    }
}

/// Go's `net/url.URL`, enough of it for Sprig: `Parse`, `Hostname`, `String`.
struct GoURL {
    struct User {
        var username: String
        var password: String?
        /// `Userinfo.String`.
        var string: String {
            var s = GoURL.escape(username, .userPassword)
            if let password { s += ":" + GoURL.escape(password, .userPassword) }
            return s
        }
    }

    var scheme = "", opaque = "", host = "", path = "", rawPath = "", rawQuery = "", fragment = ""
    var user: User?
    var forceQuery = false
    var omitHost = false

    enum Mode { case path, host, zone, userPassword, queryComponent, fragment }

    static func shouldEscape(_ c: UInt8, _ mode: Mode) -> Bool {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return false
        default: break
        }
        if mode == .host || mode == .zone, "!$&'()*+,;=:[]<>\"".utf8.contains(c) { return false }
        if "-_.~".utf8.contains(c) { return false }
        if "$&+,/:;=?@".utf8.contains(c) {
            switch mode {
            case .path: return c == UInt8(ascii: "?")
            case .userPassword: return "@/?:".utf8.contains(c)
            case .queryComponent: return true
            case .fragment: return false
            default: break
            }
        }
        if mode == .fragment, "!()*".utf8.contains(c) { return false }
        return true
    }

    static func escape(_ s: String, _ mode: Mode) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for c in s.utf8 {
            if shouldEscape(c, mode) {
                if c == 0x20 && mode == .queryComponent {
                    out.append(UInt8(ascii: "+"))
                } else {
                    out += [UInt8(ascii: "%"), hex[Int(c >> 4)], hex[Int(c & 15)]]
                }
            } else {
                out.append(c)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func unescape(_ s: String, _ mode: Mode) throws(GoError) -> String {
        let b = Array(s.utf8)
        var i = 0
        var out: [UInt8] = []
        func hexVal(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - 48
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - 87
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - 55
            default: return nil
            }
        }
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "%") {
                guard i + 2 < b.count, let h = hexVal(b[i + 1]), let l = hexVal(b[i + 2]) else {
                    let bad = String(decoding: b[i..<min(i + 3, b.count)], as: UTF8.self)
                    throw GoError("invalid URL escape \(GoStrconv.quote(bad))")
                }
                if mode == .host && h * 16 + l < 0x80 && String(decoding: b[i..<(i + 3)], as: UTF8.self) != "%25" {
                    throw GoError("invalid URL escape \(GoStrconv.quote(String(decoding: b[i..<(i + 3)], as: UTF8.self)))")
                }
                out.append(h * 16 + l)
                i += 3
                continue
            }
            if mode == .host && c < 0x80 && shouldEscape(c, .host) {
                throw GoError("invalid character \(GoStrconv.quote(String(UnicodeScalar(c)))) in host name")
            }
            out.append(c == UInt8(ascii: "+") && mode == .queryComponent ? 0x20 : c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func validOptionalPort(_ port: Substring) -> Bool {
        if port.isEmpty { return true }
        guard port.first == ":" else { return false }
        return port.dropFirst().allSatisfy { $0 >= "0" && $0 <= "9" }
    }

    /// `url.Parse`, with its errors (`parse "…": …`).
    static func parse(_ raw: String) throws(GoError) -> GoURL {
        let (u, frag) = cut(raw, "#")
        var url: GoURL
        do {
            url = try parseNoFragment(u)
        } catch {
            throw GoError("parse \(GoStrconv.quote(u)): \(error.message)")
        }
        if let frag {
            do throws(GoError) {
                url.fragment = try unescape(frag, .fragment)
            } catch {
                throw GoError("parse \(GoStrconv.quote(raw)): \(error.message)")
            }
        }
        return url
    }

    static func cut(_ s: String, _ sep: Character) -> (String, String?) {
        guard let i = s.firstIndex(of: sep) else { return (s, nil) }
        return (String(s[..<i]), String(s[s.index(after: i)...]))
    }

    private static func parseNoFragment(_ raw: String) throws(GoError) -> GoURL {
        if raw.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            throw GoError("net/url: invalid control character in URL")
        }
        var url = GoURL()
        if raw == "*" { url.path = "*"; return url }
        var rest = raw
        // getScheme
        for (i, c) in raw.utf8.enumerated() {
            if (c >= 97 && c <= 122) || (c >= 65 && c <= 90) { continue }
            if (c >= 48 && c <= 57) || c == 43 || c == 45 || c == 46 {
                if i == 0 { break }
                continue
            }
            if c == 58 {
                if i == 0 { throw GoError("missing protocol scheme") }
                url.scheme = raw.goBytes(0, i).lowercased()
                rest = raw.goBytes(i + 1, raw.goLen)
            }
            break
        }
        if rest.hasSuffix("?") && rest.filter({ $0 == "?" }).count == 1 {
            url.forceQuery = true
            rest.removeLast()
        } else {
            let (r, q) = cut(rest, "?")
            rest = r
            url.rawQuery = q ?? ""
        }
        if !rest.hasPrefix("/") {
            if !url.scheme.isEmpty {
                url.opaque = rest
                return url
            }
            if cut(rest, "/").0.contains(":") {
                throw GoError("first path segment in URL cannot contain colon")
            }
        }
        if (!url.scheme.isEmpty || !rest.hasPrefix("///")) && rest.hasPrefix("//") {
            var authority = String(rest.dropFirst(2))
            rest = ""
            if let i = authority.firstIndex(of: "/") {
                rest = String(authority[i...])
                authority = String(authority[..<i])
            }
            (url.user, url.host) = try parseAuthority(authority)
        } else if !url.scheme.isEmpty && rest.hasPrefix("/") {
            url.omitHost = true
        }
        url.path = try unescape(rest, .path)
        url.rawPath = escape(url.path, .path) == rest ? "" : rest
        return url
    }

    private static func parseAuthority(_ authority: String) throws(GoError) -> (User?, String) {
        guard let at = authority.lastIndex(of: "@") else { return (nil, try parseHost(authority)) }
        let host = try parseHost(String(authority[authority.index(after: at)...]))
        let userinfo = String(authority[..<at])
        let valid = userinfo.unicodeScalars.allSatisfy { c in
            c.properties.isAlphabetic && c.isASCII || ("0"..."9").contains(c) || "-._:~!$&'()*+,;=%@".unicodeScalars.contains(c) || !c.isASCII
        }
        if !valid { throw GoError("net/url: invalid userinfo") }
        let (name, password) = cut(userinfo, ":")
        return (User(username: try unescape(name, .userPassword), password: try password.map { p throws(GoError) in try unescape(p, .userPassword) }), host)
    }

    private static func parseHost(_ host: String) throws(GoError) -> String {
        if host.hasPrefix("[") {
            guard let close = host.lastIndex(of: "]") else { throw GoError("missing ']' in host") }
            let colonPort = host[host.index(after: close)...]
            if !validOptionalPort(colonPort) { throw GoError("invalid port \(GoStrconv.quote(String(colonPort))) after host") }
        } else if let colon = host.lastIndex(of: ":") {
            let colonPort = host[colon...]
            if !validOptionalPort(colonPort) { throw GoError("invalid port \(GoStrconv.quote(String(colonPort))) after host") }
        }
        return try unescape(host, .host)
    }

    /// `URL.Hostname`.
    var hostname: String {
        var h = Substring(host)
        if let colon = h.lastIndex(of: ":"), GoURL.validOptionalPort(h[colon...]) { h = h[..<colon] }
        if h.hasPrefix("[") && h.hasSuffix("]") { h = h.dropFirst().dropLast() }
        return String(h)
    }

    /// `URL.String`.
    var string: String {
        var out = ""
        if !scheme.isEmpty { out += scheme + ":" }
        if !opaque.isEmpty {
            out += opaque
        } else {
            if !scheme.isEmpty || !host.isEmpty || user != nil {
                if !(omitHost && host.isEmpty && user == nil) {
                    if !host.isEmpty || !path.isEmpty || user != nil { out += "//" }
                    if let user { out += user.string + "@" }
                    if !host.isEmpty { out += GoURL.escape(host, .host) }
                }
            }
            let p = path == "*" ? "*" : (rawPath.isEmpty ? GoURL.escape(path, .path) : rawPath)
            if !p.isEmpty && !p.hasPrefix("/") && !host.isEmpty { out += "/" }
            if out.isEmpty, GoURL.cut(p, "/").0.contains(":") { out += "./" }
            out += p
        }
        if forceQuery || !rawQuery.isEmpty { out += "?" + rawQuery }
        if !fragment.isEmpty { out += "#" + GoURL.escape(fragment, .fragment) }
        return out
    }
}
