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
