// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
/// Go's `path` package on slash-separated paths.
public enum GoPath {
    /// `path.Clean`: the shortest equivalent path (lexical processing of `.`, `..` and repeated slashes).
    public static func clean(_ p: String) -> String {
        if p.isEmpty { return "." }
        let rooted = p.hasPrefix("/")
        var out: [Substring] = []
        for part in p.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let last = out.last, last != ".." {
                    out.removeLast()
                } else if !rooted {
                    out.append(part)
                }
                continue
            }
            out.append(part)
        }
        let joined = out.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// `path.Base`: the last element, trailing slashes removed; `.` for empty, `/` for only slashes.
    public static func base(_ p: String) -> String {
        if p.isEmpty { return "." }
        let slash = UInt8(ascii: "/")
        let u = p.utf8
        // Trailing slashes off (all but one of an only-slashes path), then what follows the last slash.
        var end = u.endIndex
        while u.distance(from: u.startIndex, to: end) > 1, u[u.index(before: end)] == slash {
            end = u.index(before: end)
        }
        var start = end
        while start > u.startIndex, u[u.index(before: start)] != slash { start = u.index(before: start) }
        if start == end { return "/" }
        return String(p[start..<end])
    }

    /// `path.Dir`: everything but the last element, cleaned.
    public static func dir(_ p: String) -> String {
        guard let i = p.lastIndex(of: "/") else { return clean("") }
        return clean(String(p[...i]))
    }

    /// `path.Ext`: the suffix from the last dot in the final element.
    public static func ext(_ p: String) -> String {
        var i = p.endIndex
        while i > p.startIndex {
            let j = p.index(before: i)
            if p[j] == "/" { break }
            if p[j] == "." { return String(p[j...]) }
            i = j
        }
        return ""
    }
}

/// Go's `path/filepath.Match` on Unix: `*` and `?` (never `/`), `[...]` classes with `^` negation and ranges
/// (these can match `/`), `\` escapes. One home for `.helmignore` rules and `helm template --show-only`.
extension GoPath {
    /// Whether the pattern is well-formed (Go reports `ErrBadPattern` otherwise).
    public static func isValid(_ pattern: String) -> Bool {
        let p = Array(pattern.unicodeScalars)
        var i = 0
        while i < p.count {
            switch p[i] {
            case "\\":
                if i + 1 >= p.count { return false }
                i += 2
            case "[":
                guard let end = parseClass(p, i + 1, test: nil) else { return false }
                i = end.next
            default:
                i += 1
            }
        }
        return true
    }

    /// Parses a class starting after `[`; returns whether `test` is in it and the index after `]`.
    private static func parseClass(_ p: [Unicode.Scalar], _ start: Int, test: Unicode.Scalar?)
        -> (matched: Bool, next: Int)?
    {
        var i = start
        var negated = false
        if i < p.count && p[i] == "^" {
            negated = true
            i += 1
        }
        var matched = false
        var n = 0
        while true {
            if i < p.count && p[i] == "]" && n > 0 {
                i += 1
                break
            }
            guard let (lo, ni) = classChar(p, i) else { return nil }
            i = ni
            var hi = lo
            if i < p.count && p[i] == "-" {
                guard let (h, nj) = classChar(p, i + 1) else { return nil }
                hi = h
                i = nj
            }
            if let t = test, lo.value <= t.value && t.value <= hi.value { matched = true }
            n += 1
        }
        return (matched != negated, i)
    }

    private static func classChar(_ p: [Unicode.Scalar], _ i: Int) -> (Unicode.Scalar, Int)? {
        guard i < p.count else { return nil }
        let c = p[i]
        if c == "-" || c == "]" { return nil }
        if c == "\\" {
            guard i + 1 < p.count else { return nil }
            return (p[i + 1], i + 2)
        }
        return (c, i + 1)
    }

    /// Whether `name` matches `pattern` (a malformed pattern matches nothing).
    public static func match(_ pattern: String, _ name: String) -> Bool {
        guard isValid(pattern) else { return false }
        return matchFrom(Array(pattern.unicodeScalars), 0, Array(name.unicodeScalars), 0)
    }

    /// `match` on a pattern already checked with `isValid`, both sides as scalars.
    public static func match(scalars pattern: [Unicode.Scalar], _ name: [Unicode.Scalar]) -> Bool {
        matchFrom(pattern, 0, name, 0)
    }

    private static func matchFrom(_ p: [Unicode.Scalar], _ pi: Int, _ s: [Unicode.Scalar], _ si: Int) -> Bool {
        var pi = pi
        var si = si
        while pi < p.count {
            switch p[pi] {
            case "*":
                var k = si
                while true {
                    if matchFrom(p, pi + 1, s, k) { return true }
                    if k >= s.count || s[k] == "/" { return false }
                    k += 1
                }
            case "?":
                guard si < s.count, s[si] != "/" else { return false }
                pi += 1
                si += 1
            case "[":
                guard si < s.count,
                    let r = parseClass(p, pi + 1, test: s[si]), r.matched
                else { return false }
                pi = r.next
                si += 1
            case "\\":
                guard pi + 1 < p.count, si < s.count, s[si] == p[pi + 1] else { return false }
                pi += 2
                si += 1
            default:
                guard si < s.count, s[si] == p[pi] else { return false }
                pi += 1
                si += 1
            }
        }
        return si == s.count
    }
}
