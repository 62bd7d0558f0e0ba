import GoRuntime
import GoTemplate

extension Sprig {
    /// Sprig's path functions: Go's `path` package (`base`, `dir`, `clean`, `ext`, `isAbs`) and `path/filepath`
    /// (`osBase` …), which are the same on Unix; and `hello`.
    static func registerPath(into t: inout FunctionTable) {
        let fns: [(String, @Sendable (String) -> Value)] = [
            ("base", { .string(GoPath.base($0)) }), ("osBase", { .string(GoPath.base($0)) }),
            ("dir", { .string(GoPath.dir($0)) }), ("osDir", { .string(GoPath.dir($0)) }),
            ("clean", { .string(GoPath.clean($0)) }), ("osClean", { .string(GoPath.clean($0)) }),
            ("ext", { .string(GoPath.ext($0)) }), ("osExt", { .string(GoPath.ext($0)) }),
            ("isAbs", { .bool($0.hasPrefix("/")) }), ("osIsAbs", { .bool($0.hasPrefix("/")) }),
        ]
        for (name, f) in fns {
            t.register(name, GoFunction([.string]) { a in f(a[0].stringValue ?? "") })
        }
        t.register("hello", GoFunction([]) { _ in .string("Hello!") })
    }
}

/// Go's `path` package on slash-separated paths.
enum GoPath {
    /// `path.Clean`: the shortest equivalent path (lexical processing of `.`, `..` and repeated slashes).
    static func clean(_ p: String) -> String {
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
    static func base(_ p: String) -> String {
        if p.isEmpty { return "." }
        var s = Substring(p)
        while s.count > 1, s.hasSuffix("/") { s = s.dropLast() }
        if s == "/" { return "/" }
        if let i = s.lastIndex(of: "/") { s = s[s.index(after: i)...] }
        return s.isEmpty ? "/" : String(s)
    }

    /// `path.Dir`: everything but the last element, cleaned.
    static func dir(_ p: String) -> String {
        guard let i = p.lastIndex(of: "/") else { return clean("") }
        return clean(String(p[...i]))
    }

    /// `path.Ext`: the suffix from the last dot in the final element.
    static func ext(_ p: String) -> String {
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
