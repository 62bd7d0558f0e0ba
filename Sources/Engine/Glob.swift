// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
/// gobwas/glob as Helm's `.Files.Glob` compiles it (`glob.Compile(pattern, '/')`): `*` matches within a path
/// segment, `**` across segments, `?` one non-`/` character, `[abc]`, `[!abc]`, `[a-z]`, `[!a-z]` one
/// character, `{a,b}` alternatives (nestable), `\` escapes. A pattern that does not compile is `nil`
/// (Helm then falls back to `**`, matching everything).
public struct FilesGlob: Sendable {
    indirect enum Node: Sendable {
        case text([Unicode.Scalar])
        case star
        case superStar
        case single
        case list([Unicode.Scalar], not: Bool)
        case range(Unicode.Scalar, Unicode.Scalar, not: Bool)
        case alternatives([[Node]])
    }

    let nodes: [Node]

    /// Compiles a pattern; nil when gobwas/glob would report an error.
    public init?(_ pattern: String) {
        var p = Parser(Array(pattern.unicodeScalars))
        guard let nodes = p.parseSequence(inTerms: false), p.i == p.s.count else { return nil }
        self.nodes = nodes
    }

    /// Whether the path matches.
    public func matches(_ name: String) -> Bool {
        Self.match(nodes[...], Array(name.unicodeScalars), 0)
    }

    static func match(_ nodes: ArraySlice<Node>, _ s: [Unicode.Scalar], _ i: Int) -> Bool {
        guard let first = nodes.first else { return i == s.count }
        let rest = nodes.dropFirst()
        switch first {
        case .text(let t):
            guard i + t.count <= s.count else { return false }
            for k in 0..<t.count where s[i + k] != t[k] { return false }
            return match(rest, s, i + t.count)
        case .star:
            var k = i
            while true {
                if match(rest, s, k) { return true }
                if k >= s.count || s[k] == "/" { return false }
                k += 1
            }
        case .superStar:
            for k in i...s.count where match(rest, s, k) { return true }
            return false
        case .single:
            guard i < s.count, s[i] != "/" else { return false }
            return match(rest, s, i + 1)
        case .list(let cs, let not):
            guard i < s.count, cs.contains(s[i]) != not else { return false }
            return match(rest, s, i + 1)
        case .range(let lo, let hi, let not):
            guard i < s.count else { return false }
            let inRange = lo.value <= s[i].value && s[i].value <= hi.value
            guard inRange != not else { return false }
            return match(rest, s, i + 1)
        case .alternatives(let branches):
            for b in branches where match(ArraySlice(b + Array(rest)), s, i) { return true }
            return false
        }
    }

    struct Parser {
        let s: [Unicode.Scalar]
        var i = 0
        init(_ s: [Unicode.Scalar]) { self.s = s }

        mutating func parseSequence(inTerms: Bool) -> [Node]? {
            var out: [Node] = []
            var text: [Unicode.Scalar] = []
            func flush() {
                if !text.isEmpty { out.append(.text(text)); text = [] }
            }
            while i < s.count {
                let c = s[i]
                if inTerms && (c == "," || c == "}") { break }
                switch c {
                case "\\":
                    guard i + 1 < s.count else { return nil }
                    text.append(s[i + 1])
                    i += 2
                case "*":
                    flush()
                    if i + 1 < s.count && s[i + 1] == "*" {
                        out.append(.superStar)
                        i += 2
                    } else {
                        out.append(.star)
                        i += 1
                    }
                case "?":
                    flush()
                    out.append(.single)
                    i += 1
                case "[":
                    flush()
                    i += 1
                    guard let n = parseClass() else { return nil }
                    out.append(n)
                case "{":
                    flush()
                    i += 1
                    var branches: [[Node]] = []
                    while true {
                        guard let b = parseSequence(inTerms: true) else { return nil }
                        branches.append(b)
                        guard i < s.count else { return nil }
                        if s[i] == "," { i += 1; continue }
                        i += 1  // "}"
                        break
                    }
                    out.append(.alternatives(branches))
                default:
                    text.append(c)
                    i += 1
                }
            }
            flush()
            return out
        }

        /// After `[`: either one range `a-z` or a list of characters, optionally negated with `!`.
        mutating func parseClass() -> Node? {
            var not = false
            if i < s.count && s[i] == "!" {
                not = true
                i += 1
            }
            guard i < s.count else { return nil }
            if i + 1 < s.count && s[i + 1] == "-" {
                let lo = s[i]
                guard i + 2 < s.count else { return nil }
                let hi = s[i + 2]
                i += 3
                guard i < s.count, s[i] == "]" else { return nil }
                i += 1
                return .range(lo, hi, not: not)
            }
            var chars: [Unicode.Scalar] = []
            while i < s.count && s[i] != "]" {
                if s[i] == "\\" {
                    guard i + 1 < s.count else { return nil }
                    chars.append(s[i + 1])
                    i += 2
                } else {
                    chars.append(s[i])
                    i += 1
                }
            }
            guard i < s.count else { return nil }
            i += 1
            return .list(chars, not: not)
        }
    }
}
