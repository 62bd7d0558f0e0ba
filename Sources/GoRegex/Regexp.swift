// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
extension RE2 {
    /// One instruction of a compiled program, as Go's `syntax.Inst` (out = next, arg = alternative).
    struct Inst: Sendable {
        enum Op: Sendable {
            case match, fail, alt, nop
            case capture(Int)
            case empty(EmptyOp)
            case rune(Unicode.Scalar, fold: Bool)
            case charClass(CharClass)
            case any, anyNotNL
        }
        var op: Op
        var out = 0
        var arg = 0
    }

    /// Go's compiler (regexp/syntax/compile.go) over our tree, with Simplify's rewriting of counted repeats.
    struct Compiler {
        var insts: [Inst] = [Inst(op: .fail)]

        /// A fragment: its entry and the dangling exits to patch (instruction index, whether it is `arg`).
        struct Frag {
            var start: Int
            var holes: [(Int, Bool)]
            var nullable: Bool
        }

        mutating func emit(_ op: Inst.Op) -> Int {
            insts.append(Inst(op: op))
            return insts.count - 1
        }

        mutating func patch(_ holes: [(Int, Bool)], _ to: Int) {
            for (i, isArg) in holes {
                if isArg { insts[i].arg = to } else { insts[i].out = to }
            }
        }

        mutating func cat(_ a: Frag, _ b: Frag) -> Frag {
            patch(a.holes, b.start)
            return Frag(start: a.start, holes: b.holes, nullable: a.nullable && b.nullable)
        }

        mutating func nop() -> Frag {
            let i = emit(.nop)
            return Frag(start: i, holes: [(i, false)], nullable: true)
        }

        mutating func alt(_ a: Frag, _ b: Frag) -> Frag {
            let i = emit(.alt)
            insts[i].out = a.start
            insts[i].arg = b.start
            return Frag(start: i, holes: a.holes + b.holes, nullable: a.nullable || b.nullable)
        }

        mutating func quest(_ a: Frag, greedy: Bool) -> Frag {
            let i = emit(.alt)
            var holes: [(Int, Bool)]
            if greedy { insts[i].out = a.start; holes = [(i, true)] } else { insts[i].arg = a.start; holes = [(i, false)] }
            return Frag(start: i, holes: holes + a.holes, nullable: true)
        }

        mutating func loop(_ a: Frag, greedy: Bool) -> Frag {
            let i = emit(.alt)
            var hole: (Int, Bool)
            if greedy { insts[i].out = a.start; hole = (i, true) } else { insts[i].arg = a.start; hole = (i, false) }
            patch(a.holes, i)
            return Frag(start: i, holes: [hole], nullable: true)
        }

        mutating func plus(_ a: Frag, greedy: Bool) -> Frag {
            let l = loop(a, greedy: greedy)
            return Frag(start: a.start, holes: l.holes, nullable: a.nullable)
        }

        mutating func star(_ a: Frag, greedy: Bool) -> Frag {
            if a.nullable { return quest(plus(a, greedy: greedy), greedy: greedy) }
            return loop(a, greedy: greedy)
        }

        mutating func compile(_ n: Node) -> Frag {
            switch n {
            case .empty:
                return nop()
            case .literal(let r, let fold):
                let i = emit(.rune(r, fold: fold))
                return Frag(start: i, holes: [(i, false)], nullable: false)
            case .charClass(let cc):
                let i = emit(.charClass(cc))
                return Frag(start: i, holes: [(i, false)], nullable: false)
            case .anyChar(let nl):
                let i = emit(nl ? .any : .anyNotNL)
                return Frag(start: i, holes: [(i, false)], nullable: false)
            case .assertion(let op):
                let i = emit(.empty(op))
                return Frag(start: i, holes: [(i, false)], nullable: true)
            case .capture(let index, let sub):
                let open = emit(.capture(2 * index))
                let f = compile(sub)
                insts[open].out = f.start
                let close = emit(.capture(2 * index + 1))
                patch(f.holes, close)
                return Frag(start: open, holes: [(close, false)], nullable: f.nullable)
            case .concat(let subs):
                guard var f = subs.first.map({ compile($0) }) else { return nop() }
                for sub in subs.dropFirst() {
                    let g = compile(sub)
                    f = cat(f, g)
                }
                return f
            case .alternate(let subs):
                var f = compile(subs[0])
                for sub in subs.dropFirst() {
                    let g = compile(sub)
                    f = alt(f, g)
                }
                return f
            case .repeat(let sub, let mn, let mx, let greedy):
                return compileRepeat(sub, mn, mx, greedy)
            }
        }

        /// Go's Simplify: x{n,} is n-1 copies then x+; x{n,m} is n copies then nested optional copies.
        mutating func compileRepeat(_ sub: Node, _ mn: Int, _ mx: Int, _ greedy: Bool) -> Frag {
            if mx == -1 {
                if mn == 0 { return star(compile(sub), greedy: greedy) }
                var f: Frag? = nil
                for _ in 0..<(mn - 1) {
                    let g = compile(sub)
                    f = f.map { cat($0, g) } ?? g
                }
                let p = plus(compile(sub), greedy: greedy)
                return f.map { cat($0, p) } ?? p
            }
            if mn == 0 && mx == 0 { return nop() }
            if mn == 1 && mx == 1 { return compile(sub) }
            var f: Frag? = nil
            for _ in 0..<mn {
                let g = compile(sub)
                f = f.map { cat($0, g) } ?? g
            }
            if mx > mn {
                // (x(x(x)?)?)? built from the inside out.
                var suffix: Frag? = nil
                for _ in mn..<mx {
                    let x = compile(sub)
                    let inner = suffix.map { cat(x, $0) } ?? x
                    suffix = quest(inner, greedy: greedy)
                }
                if let suffix { f = f.map { cat($0, suffix) } ?? suffix }
            }
            return f ?? nop()
        }
    }

    /// A compiled regular expression with Go's `regexp.Regexp` operations.
    package struct Regexp: Sendable {
        let insts: [Inst]
        let start: Int
        let numSlots: Int
        let names: [String]
        let expr: String

        package static func compile(_ pattern: String) throws(SyntaxError) -> Regexp {
            let parsed = try RE2.parse(pattern)
            var c = Compiler()
            let body = c.compile(.capture(0, parsed.node))
            let m = c.emit(.match)
            c.patch(body.holes, m)
            return Regexp(
                insts: c.insts, start: body.start, numSlots: 2 * parsed.captureNames.count,
                names: parsed.captureNames, expr: pattern)
        }

        static func isWordChar(_ r: Unicode.Scalar?) -> Bool {
            guard let r, r.isASCII else { return false }
            switch r {
            case "0"..."9", "a"..."z", "A"..."Z", "_": return true
            default: return false
            }
        }

        func emptyOK(_ op: EmptyOp, _ s: [Unicode.Scalar], _ pos: Int) -> Bool {
            let before = pos > 0 ? s[pos - 1] : nil
            let after = pos < s.count ? s[pos] : nil
            switch op {
            case .beginText: return pos == 0
            case .endText: return pos == s.count
            case .beginLine: return pos == 0 || before == "\n"
            case .endLine: return pos == s.count || after == "\n"
            case .wordBoundary: return Regexp.isWordChar(before) != Regexp.isWordChar(after)
            case .noWordBoundary: return Regexp.isWordChar(before) == Regexp.isWordChar(after)
            }
        }

        /// The leftmost-first match starting the search at `from`: capture slots (rune offsets, -1 if unset).
        ///
        /// Go's bit-state backtracker: every (instruction, position) pair is explored at most once, in priority
        /// order, so the first match found is the one Go's NFA would report.
        package func match(_ s: [Unicode.Scalar], from: Int) -> [Int]? {
            var scratch = Scratch()
            return match(s, from: from, &scratch)
        }

        /// The visited bits of the backtracker, kept across the searches of one `FindAll`/`ReplaceAll` and
        /// cleared word by word after each, so repeated searches cost what they explore.
        struct Scratch {
            var visited: [UInt64] = []
            var touched: [Int] = []
        }

        func match(_ s: [Unicode.Scalar], from: Int, _ scratch: inout Scratch) -> [Int]? {
            let n = s.count
            let width = n + 1
            let words = (insts.count * width + 63) / 64
            if scratch.visited.count != words { scratch.visited = [UInt64](repeating: 0, count: words) }
            var visited = scratch.visited
            var touched = scratch.touched
            scratch.visited = []
            defer {
                for w in touched { visited[w] = 0 }
                touched.removeAll(keepingCapacity: true)
                scratch.visited = visited
                scratch.touched = touched
            }
            var caps = [Int](repeating: -1, count: numSlots)
            struct Job { var pc: Int; var pos: Int; var arg: Bool; var restore: Int }
            var jobs: [Job] = []

            func shouldVisit(_ pc: Int, _ pos: Int) -> Bool {
                let k = pc * width + pos
                let bit = UInt64(1) << UInt64(k & 63)
                let w = k >> 6
                if visited[w] & bit != 0 { return false }
                if visited[w] == 0 { touched.append(w) }
                visited[w] |= bit
                return true
            }

            func tryAt(_ startPos: Int) -> Bool {
                jobs.removeAll(keepingCapacity: true)
                if shouldVisit(start, startPos) { jobs.append(Job(pc: start, pos: startPos, arg: false, restore: 0)) }
                while let job = jobs.popLast() {
                    var pc = job.pc, pos = job.pos
                    if job.arg {
                        switch insts[pc].op {
                        case .alt:
                            pc = insts[pc].arg
                            if !shouldVisit(pc, pos) { continue }
                        case .capture(let slot):
                            caps[slot] = job.restore
                            continue
                        default:
                            continue
                        }
                    }
                    while true {
                        let inst = insts[pc]
                        var next: Int? = nil
                        switch inst.op {
                        case .fail:
                            break
                        case .match:
                            return true
                        case .alt:
                            jobs.append(Job(pc: pc, pos: pos, arg: true, restore: 0))
                            next = inst.out
                        case .nop:
                            next = inst.out
                        case .capture(let slot):
                            jobs.append(Job(pc: pc, pos: pos, arg: true, restore: caps[slot]))
                            caps[slot] = pos
                            next = inst.out
                        case .empty(let op):
                            if emptyOK(op, s, pos) { next = inst.out }
                        case .rune(let r, let fold):
                            if pos < n && (s[pos] == r || (fold && RE2.foldVariants(r).contains(s[pos]))) {
                                pos += 1
                                next = inst.out
                            }
                        case .charClass(let cc):
                            if pos < n && cc.matches(s[pos]) { pos += 1; next = inst.out }
                        case .any:
                            if pos < n { pos += 1; next = inst.out }
                        case .anyNotNL:
                            if pos < n && s[pos] != "\n" { pos += 1; next = inst.out }
                        }
                        guard let nx = next, shouldVisit(nx, pos) else { break }
                        pc = nx
                    }
                }
                return false
            }

            var pos = from
            while pos <= n {
                if tryAt(pos) { return caps }
                pos += 1
            }
            return nil
        }

        /// Go's `allMatches`: successive matches, no empty match right after a previous match.
        package func allMatches(_ s: [Unicode.Scalar], _ limit: Int) -> [[Int]] {
            let limit = limit < 0 ? s.count + 1 : limit
            var out: [[Int]] = []
            var pos = 0
            var prevEnd = -1
            var scratch = Scratch()
            while out.count < limit && pos <= s.count {
                guard let m = match(s, from: pos, &scratch) else { break }
                var accept = true
                if m[1] == pos {
                    if m[0] == prevEnd { accept = false }
                    pos += 1
                } else {
                    pos = m[1]
                }
                prevEnd = m[1]
                if accept { out.append(m) }
            }
            return out
        }

        package static func text(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) -> String {
            var v = String.UnicodeScalarView()
            v.append(contentsOf: s[a..<b])
            return String(v)
        }

        package func matchString(_ str: String) -> Bool { match(Array(str.unicodeScalars), from: 0) != nil }

        package func findString(_ str: String) -> String {
            let s = Array(str.unicodeScalars)
            guard let m = match(s, from: 0) else { return "" }
            return Regexp.text(s, m[0], m[1])
        }

        /// `FindAllString`; nil (Go's nil slice) when nothing matches.
        package func findAllString(_ str: String, _ n: Int) -> [String] {
            let s = Array(str.unicodeScalars)
            return allMatches(s, n).map { Regexp.text(s, $0[0], $0[1]) }
        }

        /// `ReplaceAllString` (with `Expand`) or `ReplaceAllLiteralString`.
        package func replaceAll(_ str: String, _ repl: String, literal: Bool) -> String {
            let s = Array(str.unicodeScalars)
            var out = String.UnicodeScalarView()
            let template = Array(repl.unicodeScalars)
            var lastEnd = 0
            var searchPos = 0
            var scratch = Scratch()
            while searchPos <= s.count {
                guard let a = match(s, from: searchPos, &scratch) else { break }
                out.append(contentsOf: s[lastEnd..<a[0]])
                if a[1] > lastEnd || a[0] == 0 {
                    if literal { out.append(contentsOf: template) } else { expand(&out, template, s, a) }
                }
                lastEnd = a[1]
                if searchPos + 1 > a[1] { searchPos += 1 } else { searchPos = a[1] }
            }
            out.append(contentsOf: s[lastEnd...])
            return String(out)
        }

        /// Go's `Regexp.Expand`: `$1`, `${1}`, `$name`, `${name}`, `$$`; a malformed reference is literal `$`.
        func expand(_ out: inout String.UnicodeScalarView, _ t: [Unicode.Scalar], _ s: [Unicode.Scalar], _ m: [Int]) {
            var i = 0
            while i < t.count {
                guard let d = t[i...].firstIndex(of: "$") else { break }
                out.append(contentsOf: t[i..<d])
                i = d + 1
                if i < t.count && t[i] == "$" {
                    out.append("$")
                    i += 1
                    continue
                }
                var j = i
                let brace = j < t.count && t[j] == "{"
                if brace { j += 1 }
                let nameStart = j
                while j < t.count && (GoUnicode.isLetter(t[j]) || GoUnicode.isDigit(t[j]) || t[j] == "_") { j += 1 }
                let name = Array(t[nameStart..<j])
                if name.isEmpty || (brace && (j >= t.count || t[j] != "}")) {
                    out.append("$")
                    continue
                }
                if brace { j += 1 }
                i = j
                var num = 0
                for r in name {
                    if r.value < 0x30 || r.value > 0x39 || num >= 100_000_000 { num = -1; break }
                    num = num * 10 + Int(r.value - 0x30)
                }
                if name[0] == "0" && name.count > 1 { num = -1 }
                var group = -1
                if num >= 0 {
                    group = num
                } else {
                    let nameStr = Regexp.text(name, 0, name.count)
                    group = names.firstIndex(of: nameStr) ?? -1
                }
                if group >= 0 && 2 * group + 1 < m.count && m[2 * group] >= 0 {
                    out.append(contentsOf: s[m[2 * group]..<m[2 * group + 1]])
                }
            }
            if i < t.count { out.append(contentsOf: t[i...]) }
        }

        /// `Split`.
        package func split(_ str: String, _ n: Int) -> [String] {
            if n == 0 { return [] }
            if !expr.isEmpty && str.isEmpty { return [""] }
            let s = Array(str.unicodeScalars)
            var out: [String] = []
            var beg = 0, end = 0
            for m in allMatches(s, n) {
                if n > 0 && out.count == n - 1 { break }
                end = m[0]
                if m[1] != 0 { out.append(Regexp.text(s, beg, end)) }
                beg = m[1]
            }
            if end != s.count { out.append(Regexp.text(s, beg, s.count)) }
            return out
        }
    }

    /// `regexp.QuoteMeta`.
    package static func quoteMeta(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            if "\\.+*?()|[]{}^$".unicodeScalars.contains(c) { out.unicodeScalars.append("\\") }
            out.unicodeScalars.append(c)
        }
        return out
    }
}

/// A regular expression with Go's `regexp` semantics (RE2 syntax, leftmost-first), for other modules: the
/// chart's `values.schema.json` `pattern` and `patternProperties` (Go's jsonschema library compiles them with
/// `regexp.Compile`).
public struct GoRegexp: Sendable {
    private let program: RE2.Regexp

    /// Compiles `pattern`; nil when Go's `regexp.Compile` would fail.
    public init?(_ pattern: String) {
        guard let p = try? RE2.Regexp.compile(pattern) else { return nil }
        program = p
    }

    /// Go's `MatchString`: whether the expression matches anywhere in `s`.
    public func matches(_ s: String) -> Bool { program.matchString(s) }

    /// The text of the error Go's `regexp.Compile(pattern)` returns (`error parsing regexp: missing closing ): `(``);
    /// nil when the pattern compiles.
    public static func compileError(_ pattern: String) -> String? {
        do {
            _ = try RE2.Regexp.compile(pattern)
            return nil
        } catch {
            return error.description
        }
    }
}
