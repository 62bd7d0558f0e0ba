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
        var s = Substring(p)
        while s.count > 1, s.hasSuffix("/") { s = s.dropLast() }
        if s == "/" { return "/" }
        if let i = s.lastIndex(of: "/") { s = s[s.index(after: i)...] }
        return s.isEmpty ? "/" : String(s)
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
