// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
/// Helm's `.helmignore` rules (`pkg/ignore`): one shell glob per line, `!` negates, a trailing `/` matches
/// directories only, a leading `/` anchors at the chart root, a pattern without `/` matches the base name.
public struct HelmIgnoreRules: Sendable {
    struct Pattern: Sendable {
        var raw: String
        var rule: String
        var negate: Bool
        var mustDir: Bool
        enum Mode: Sendable { case anchored, structural, baseName }
        var mode: Mode
        /// `rule` as scalars, and whether it is a well-formed pattern (a malformed one matches nothing).
        var scalars: [Unicode.Scalar]
        var valid: Bool
    }

    var patterns: [Pattern] = []

    /// An empty rule set.
    public init() {}

    /// Parses `.helmignore` text. Errors are Helm's (`double-star (**) syntax is not supported`,
    /// `syntax error in pattern`).
    public init(parsing text: String) throws(ChartError) {
        var first = true
        // bufio.Scanner: lines split on \n, a trailing \r is dropped.
        for var bytes in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init) {
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
            var line = String(decoding: bytes, as: UTF8.self)
            if first {
                if line.hasPrefix("\u{FEFF}") { line.removeFirst() }
                first = false
            }
            try addRule(line)
        }
    }

    /// Adds Helm's default rule: every dotfile under `templates/` is ignored.
    public mutating func addDefaults() {
        try? addRule("templates/.?*")
    }

    mutating func addRule(_ input: String) throws(ChartError) {
        var rule = input.goTrimSpace()
        if rule.isEmpty || rule.hasPrefix("#") { return }
        if rule.contains("**") { throw ChartError("double-star (**) syntax is not supported") }
        if !GoPathMatch.isValid(rule) { throw ChartError("syntax error in pattern") }
        let raw = rule
        var negate = false
        var mustDir = false
        if rule.hasPrefix("!") {
            negate = true
            rule.removeFirst()
        }
        if rule.hasSuffix("/") {
            mustDir = true
            rule.removeLast()
        }
        let mode: Pattern.Mode
        if rule.hasPrefix("/") {
            rule.removeFirst()
            mode = .anchored
        } else if rule.contains("/") {
            mode = .structural
        } else {
            mode = .baseName
        }
        patterns.append(
            Pattern(
                raw: raw, rule: rule, negate: negate, mustDir: mustDir, mode: mode,
                scalars: Array(rule.unicodeScalars), valid: GoPathMatch.isValid(rule)))
    }

    /// Whether the path (relative to the chart root, `/`-separated) is ignored. Rules are evaluated in order;
    /// the first positive match ignores, and (Helm's semantics) a negative rule that does *not* match ignores.
    public func ignores(_ path: String, isDirectory: Bool) -> Bool {
        if path.isEmpty || path == "." || path == "./" { return false }
        if patterns.isEmpty { return false }
        // The path and its base name as scalars, each made once for all the rules.
        var whole: [Unicode.Scalar]?
        var base: [Unicode.Scalar]?
        for p in patterns {
            var matched = false
            if p.valid {
                let name: [Unicode.Scalar]
                if p.mode == .baseName {
                    if base == nil { base = Array(goPathBase(path).unicodeScalars) }
                    name = base ?? []
                } else {
                    if whole == nil { whole = Array(path.unicodeScalars) }
                    name = whole ?? []
                }
                matched = GoPathMatch.match(scalars: p.scalars, name)
            }
            if p.negate {
                if p.mustDir && !isDirectory { return true }
                if !matched { return true }
                continue
            }
            if p.mustDir && !isDirectory { continue }
            if matched { return true }
        }
        return false
    }
}

/// Go's `path/filepath.Match` on Unix: `*` and `?` (never `/`), `[...]` classes with `^` negation and ranges
/// (these can match `/`), `\` escapes.
enum GoPathMatch {
    /// Whether the pattern is well-formed (Go reports `ErrBadPattern` otherwise).
    static func isValid(_ pattern: String) -> Bool {
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
    static func match(_ pattern: String, _ name: String) -> Bool {
        guard isValid(pattern) else { return false }
        return matchFrom(Array(pattern.unicodeScalars), 0, Array(name.unicodeScalars), 0)
    }

    /// `match` on a pattern already checked with `isValid`, both sides as scalars.
    static func match(scalars pattern: [Unicode.Scalar], _ name: [Unicode.Scalar]) -> Bool {
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
