// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
/// Go's `regexp/syntax` as `regexp.Compile` uses it (Perl flags: non-greedy operators, Perl classes,
/// `\A \z \b`, Unicode classes, `(?flags)`; `$` only at the end of the text unless `(?m)`).
///
/// The parser is a recursive descent over the pattern's runes producing `RENode`s, with Go's error codes
/// and the text Go quotes with each one.
package enum RE2 {}

extension RE2 {
    /// A parse error, printed as Go's `*syntax.Error` ("error parsing regexp: CODE: `EXPR`").
    package struct SyntaxError: Error {
        var code: String
        var expr: String
        package var description: String { "error parsing regexp: \(code): `\(expr)`" }
    }

    enum EmptyOp: Sendable { case beginLine, endLine, beginText, endText, wordBoundary, noWordBoundary }

    /// A predicate over runes: a Unicode general category set, a script, or any rune.
    enum RunePredicate: Sendable {
        case categories([Unicode.GeneralCategory])
        case script([ClosedRange<UInt32>])
        case any

        func matches(_ r: Unicode.Scalar) -> Bool {
            switch self {
            case .any: return true
            case .categories(let cs): return cs.contains(r.properties.generalCategory)
            case .script(let ranges):
                let v = r.value
                var lo = 0, hi = ranges.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if ranges[mid].upperBound < v { lo = mid + 1 } else { hi = mid }
                }
                return lo < ranges.count && ranges[lo].contains(v)
            }
        }
    }

    /// One item of a character class.
    enum ClassItem: Sendable {
        case range(UInt32, UInt32)
        case predicate(RunePredicate, negated: Bool)
        /// A nested class (a negated Perl or POSIX class inside brackets).
        case negatedRanges([ClosedRange<UInt32>])
    }

    /// A character class; with `fold`, a rune matches when it or one of its case variants is in the class.
    struct CharClass: Sendable {
        var items: [ClassItem]
        var negated: Bool
        var fold: Bool

        private func contains(_ r: Unicode.Scalar) -> Bool {
            let v = r.value
            for item in items {
                switch item {
                case .range(let lo, let hi): if v >= lo && v <= hi { return true }
                case .predicate(let p, let neg): if p.matches(r) != neg { return true }
                case .negatedRanges(let rs): if !rs.contains(where: { $0.contains(v) }) { return true }
                }
            }
            return false
        }

        func matches(_ r: Unicode.Scalar) -> Bool {
            var hit = contains(r)
            if !hit && fold {
                for f in RE2.foldVariants(r) where contains(f) {
                    hit = true
                    break
                }
            }
            return hit != negated
        }
    }

    indirect enum Node: Sendable {
        case empty
        case literal(Unicode.Scalar, fold: Bool)
        case charClass(CharClass)
        case anyChar(matchesNewline: Bool)
        case assertion(EmptyOp)
        case capture(Int, Node)
        case concat([Node])
        case alternate([Node])
        case `repeat`(Node, min: Int, max: Int, greedy: Bool)
    }

    /// The other runes in `r`'s case-folding orbit (Go's `unicode.SimpleFold`, approximated by the simple
    /// lower, upper and title mappings plus the orbits they miss).
    static func foldVariants(_ r: Unicode.Scalar) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        for f in [GoUnicode.toLower(r), GoUnicode.toUpper(r), GoUnicode.toTitle(r)] where f != r && !out.contains(f) {
            out.append(f)
        }
        let extra: [UInt32: [UInt32]] = [
            0x6B: [0x212A], 0x4B: [0x212A], 0x212A: [0x6B, 0x4B],
            0x73: [0x17F], 0x53: [0x17F], 0x17F: [0x73, 0x53],
            0xE5: [0x212B], 0xC5: [0x212B], 0x212B: [0xE5, 0xC5],
        ]
        for v in extra[r.value] ?? [] { if let s = Unicode.Scalar(v), !out.contains(s) { out.append(s) } }
        return out
    }

    struct Flags {
        var foldCase = false
        var dotNL = false
        var multiLine = false
        var ungreedy = false
    }

    /// The parsed pattern: its tree, the number of capture groups and their names (index 0 is the match).
    struct Parsed {
        var node: Node
        var captureNames: [String]
    }

    static func parse(_ pattern: String) throws(SyntaxError) -> Parsed {
        var p = Parser(pattern)
        let node = try p.parseAlternation(depth: 0)
        if p.i < p.s.count {
            // Only an unmatched ')' stops the top level early.
            throw SyntaxError(code: "unexpected )", expr: pattern)
        }
        return Parsed(node: node, captureNames: p.names)
    }

    struct Parser {
        let s: [Unicode.Scalar]
        let whole: String
        var i = 0
        var flags = Flags()
        var names: [String] = [""]

        init(_ pattern: String) {
            s = Array(pattern.unicodeScalars)
            whole = pattern
        }

        func text(_ a: Int, _ b: Int) -> String {
            var v = String.UnicodeScalarView()
            v.append(contentsOf: s[a..<min(b, s.count)])
            return String(v)
        }

        var atEnd: Bool { i >= s.count }
        func peek(_ k: Int = 0) -> Unicode.Scalar? { i + k < s.count ? s[i + k] : nil }

        mutating func parseAlternation(depth: Int) throws(SyntaxError) -> Node {
            if depth > 1000 { throw SyntaxError(code: "expression nests too deeply", expr: whole) }
            var alts: [Node] = [try parseConcat(depth: depth)]
            while peek() == "|" {
                i += 1
                alts.append(try parseConcat(depth: depth))
            }
            return alts.count == 1 ? alts[0] : .alternate(alts)
        }

        mutating func parseConcat(depth: Int) throws(SyntaxError) -> Node {
            var items: [Node] = []
            // The text of the previous repetition operator (Perl forbids stacking them: `a**`).
            var lastRepeat: Int? = nil
            while let c = peek(), c != "|", c != ")" {
                let start = i
                switch c {
                case "*", "+", "?":
                    i += 1
                    var greedy = true
                    if peek() == "?" { i += 1; greedy = false }
                    if let lr = lastRepeat { throw SyntaxError(code: "invalid nested repetition operator", expr: text(lr, i)) }
                    guard let last = items.popLast() else {
                        throw SyntaxError(code: "missing argument to repetition operator", expr: text(start, i))
                    }
                    if flags.ungreedy { greedy.toggle() }
                    let (mn, mx) = c == "*" ? (0, -1) : c == "+" ? (1, -1) : (0, 1)
                    items.append(.repeat(last, min: mn, max: mx, greedy: greedy))
                    lastRepeat = start
                    continue
                case "{":
                    if let (mn, mx, end) = parseRepeatBounds() {
                        i = end
                        var greedy = true
                        let opEnd = i
                        if peek() == "?" { i += 1; greedy = false }
                        if let lr = lastRepeat { throw SyntaxError(code: "invalid nested repetition operator", expr: text(lr, i)) }
                        if mn < 0 || mn > 1000 || mx > 1000 || (mx >= 0 && mn > mx) {
                            throw SyntaxError(code: "invalid repeat count", expr: text(start, opEnd))
                        }
                        guard let last = items.popLast() else {
                            throw SyntaxError(code: "missing argument to repetition operator", expr: text(start, i))
                        }
                        if flags.ungreedy { greedy.toggle() }
                        items.append(.repeat(last, min: mn, max: mx, greedy: greedy))
                        lastRepeat = start
                        continue
                    }
                    i += 1
                    items.append(.literal("{", fold: false))
                case "(":
                    if let node = try parseGroup(depth: depth) { items.append(node) }
                case "[":
                    items.append(.charClass(try parseClass()))
                case ".":
                    i += 1
                    items.append(.anyChar(matchesNewline: flags.dotNL))
                case "^":
                    i += 1
                    items.append(.assertion(flags.multiLine ? .beginLine : .beginText))
                case "$":
                    i += 1
                    items.append(.assertion(flags.multiLine ? .endLine : .endText))
                case "\\":
                    if peek(1) == "Q" {
                        i += 2
                        while i < s.count {
                            if s[i] == "\\" && peek(1) == "E" { i += 2; break }
                            items.append(.literal(s[i], fold: flags.foldCase))
                            i += 1
                        }
                    } else {
                        items.append(try parseEscapeAtom())
                    }
                default:
                    i += 1
                    items.append(.literal(c, fold: flags.foldCase))
                }
                lastRepeat = nil
            }
            return items.count == 1 ? items[0] : (items.isEmpty ? .empty : .concat(items))
        }

        /// `{n}`, `{n,}`, `{n,m}` at `i`; nil when the text is not a repeat (then `{` is a literal).
        func parseRepeatBounds() -> (Int, Int, Int)? {
            var j = i + 1
            func number() -> Int? {
                let st = j
                while j < s.count, let d = s[j].properties.numericType, d == .decimal, s[j].isASCII { j += 1 }
                if j == st { return nil }
                // Go rejects leading zeros only in that they must still parse; large values are errors later.
                let digits = String(String.UnicodeScalarView(s[st..<j]))
                return Int(digits.prefix(8)).map { digits.count > 8 ? 100_000 : $0 }
            }
            guard let mn = number() else { return nil }
            var mx = mn
            if j < s.count && s[j] == "," {
                j += 1
                if j < s.count && s[j] == "}" {
                    mx = -1
                } else {
                    guard let m = number() else { return nil }
                    mx = m
                }
            }
            guard j < s.count && s[j] == "}" else { return nil }
            return (mn, mx, j + 1)
        }

        mutating func parseGroup(depth: Int) throws(SyntaxError) -> Node? {
            let start = i
            i += 1
            var name: String? = nil
            if peek() == "?" {
                let isP = peek(1) == "P" && peek(2) == "<"
                let isAngle = peek(1) == "<"
                if isP || isAngle {
                    let nameStart = i + (isP ? 3 : 2)
                    guard let close = s[nameStart...].firstIndex(of: ">") else {
                        throw SyntaxError(code: "invalid named capture", expr: text(start, s.count))
                    }
                    let n = text(nameStart, close)
                    let valid = !n.isEmpty && n.unicodeScalars.allSatisfy { $0 == "_" || GoUnicode.isLetter($0) || GoUnicode.isDigit($0) }
                    if !valid { throw SyntaxError(code: "invalid named capture", expr: text(start, close + 1)) }
                    name = n
                    i = close + 1
                } else {
                    // Flags: (?flags) or (?flags:re).
                    i += 1
                    var f = flags
                    var negate = false
                    var sawFlag = false
                    while true {
                        // Go: flags that run to the end of the pattern are an invalid Perl operator.
                        guard let c = peek() else {
                            throw SyntaxError(code: "invalid or unsupported Perl syntax", expr: text(start, i))
                        }
                        i += 1
                        switch c {
                        case "i": f.foldCase = !negate; sawFlag = true
                        case "m": f.multiLine = !negate; sawFlag = true
                        case "s": f.dotNL = !negate; sawFlag = true
                        case "U": f.ungreedy = !negate; sawFlag = true
                        case "-":
                            if negate { throw SyntaxError(code: "invalid or unsupported Perl syntax", expr: text(start, i)) }
                            negate = true
                            sawFlag = false
                        case ":", ")":
                            if negate && !sawFlag { throw SyntaxError(code: "invalid or unsupported Perl syntax", expr: text(start, i)) }
                            if c == ")" {
                                flags = f
                                return nil
                            }
                            let saved = flags
                            flags = f
                            let inner = try parseAlternation(depth: depth + 1)
                            guard peek() == ")" else { throw SyntaxError(code: "missing closing )", expr: whole) }
                            i += 1
                            flags = saved
                            return inner
                        default:
                            throw SyntaxError(code: "invalid or unsupported Perl syntax", expr: text(start, i))
                        }
                    }
                }
            }
            let index = names.count
            names.append(name ?? "")
            let saved = flags
            let inner = try parseAlternation(depth: depth + 1)
            guard peek() == ")" else { throw SyntaxError(code: "missing closing )", expr: whole) }
            i += 1
            flags = saved
            return .capture(index, inner)
        }

        static let perlClasses: [Unicode.Scalar: [ClosedRange<UInt32>]] = [
            "d": [0x30...0x39],
            "s": [0x09...0x0A, 0x0C...0x0D, 0x20...0x20],
            "w": [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A],
        ]

        static let posixClasses: [String: [ClosedRange<UInt32>]] = [
            "alnum": [0x30...0x39, 0x41...0x5A, 0x61...0x7A],
            "alpha": [0x41...0x5A, 0x61...0x7A],
            "ascii": [0x00...0x7F],
            "blank": [0x09...0x09, 0x20...0x20],
            "cntrl": [0x00...0x1F, 0x7F...0x7F],
            "digit": [0x30...0x39],
            "graph": [0x21...0x7E],
            "lower": [0x61...0x7A],
            "print": [0x20...0x7E],
            "punct": [0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E],
            "space": [0x09...0x0D, 0x20...0x20],
            "upper": [0x41...0x5A],
            "word": [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A],
            "xdigit": [0x30...0x39, 0x41...0x46, 0x61...0x66],
        ]

        /// An escape outside brackets.
        mutating func parseEscapeAtom() throws(SyntaxError) -> Node {
            let start = i
            guard let c = peek(1) else {
                throw SyntaxError(code: "trailing backslash at end of expression", expr: "")
            }
            switch c {
            case "A": i += 2; return .assertion(.beginText)
            case "z": i += 2; return .assertion(.endText)
            case "b": i += 2; return .assertion(.wordBoundary)
            case "B": i += 2; return .assertion(.noWordBoundary)
            case "d", "s", "w", "D", "S", "W", "p", "P":
                let items = try parseClassEscape()
                return .charClass(CharClass(items: items, negated: false, fold: flags.foldCase))
            default:
                i = start
                let r = try parseRuneEscape()
                return .literal(r, fold: flags.foldCase)
            }
        }

        /// `\d \s \w` (and negations) and `\pX \p{Name} \PX \P{^Name}`, at `i` (the backslash).
        mutating func parseClassEscape() throws(SyntaxError) -> [ClassItem] {
            let start = i
            let c = s[i + 1]
            i += 2
            if "dswDSW".unicodeScalars.contains(c), let ranges = Parser.perlClasses[GoUnicode.toLower(c)] {
                if GoUnicode.isUpper(c) { return [.negatedRanges(ranges)] }
                return ranges.map { .range($0.lowerBound, $0.upperBound) }
            }
            var negated = c == "P"
            var name: String
            guard let n = peek() else { throw SyntaxError(code: "invalid character class range", expr: text(start, i)) }
            if n == "{" {
                guard let close = s[i...].firstIndex(of: "}") else {
                    throw SyntaxError(code: "invalid character class range", expr: text(start, s.count))
                }
                name = text(i + 1, close)
                i = close + 1
            } else {
                name = String(n)
                i += 1
            }
            if name.hasPrefix("^") { negated.toggle(); name.removeFirst() }
            guard let pred = RE2.unicodeClass(name) else {
                throw SyntaxError(code: "invalid character class range", expr: text(start, i))
            }
            return [.predicate(pred, negated: negated)]
        }

        /// A single-rune escape at `i` (the backslash): `\n`, `\x41`, `\x{263a}`, `\101`, `\.` …
        mutating func parseRuneEscape() throws(SyntaxError) -> Unicode.Scalar {
            let start = i
            i += 1
            guard let c = peek() else { throw SyntaxError(code: "trailing backslash at end of expression", expr: "") }
            i += 1
            func invalid() -> SyntaxError { SyntaxError(code: "invalid escape sequence", expr: text(start, i)) }
            switch c {
            case "1", "2", "3", "4", "5", "6", "7", "0":
                if c != "0", !(peek().map { $0 >= "0" && $0 <= "7" } ?? false) { throw invalid() }
                var v = c.value - 0x30
                for _ in 0..<2 {
                    if let d = peek(), d >= "0", d <= "7" { v = v * 8 + d.value - 0x30; i += 1 } else { break }
                }
                return Unicode.Scalar(v)!
            case "x":
                guard let d = peek() else { throw invalid() }
                if d == "{" {
                    i += 1
                    var v: UInt32 = 0
                    var count = 0
                    while let h = peek(), let hv = Character(h).hexDigitValue {
                        i += 1
                        count += 1
                        v = v &* 16 &+ UInt32(hv)
                        if v > 0x10FFFF { throw invalid() }
                    }
                    guard count > 0, peek() == "}" else {
                        if peek() != nil { i += 1 }
                        throw invalid()
                    }
                    i += 1
                    guard let r = Unicode.Scalar(v) else { throw invalid() }
                    return r
                }
                // Go reads two runes before it checks either.
                guard let h1 = Character(d).hexDigitValue else {
                    i += 1
                    if peek() != nil { i += 1 }
                    throw invalid()
                }
                i += 1
                guard let e = peek() else { throw invalid() }
                i += 1
                guard let h2 = Character(e).hexDigitValue else { throw invalid() }
                return Unicode.Scalar(UInt32(h1 * 16 + h2))!
            case "a": return "\u{07}"
            case "f": return "\u{0C}"
            case "n": return "\n"
            case "r": return "\r"
            case "t": return "\t"
            case "v": return "\u{0B}"
            default:
                if c.isASCII && !(c.properties.isAlphabetic || ("0"..."9").contains(c)) { return c }
                throw invalid()
            }
        }

        mutating func parseClass() throws(SyntaxError) -> CharClass {
            let start = i
            i += 1
            var cc = CharClass(items: [], negated: false, fold: flags.foldCase)
            if peek() == "^" { cc.negated = true; i += 1 }
            var first = true
            let missingBracket = SyntaxError(code: "missing closing ]", expr: text(start, s.count))
            while true {
                guard let c = peek() else { throw missingBracket }
                if c == "]" && !first { i += 1; break }
                first = false
                if c == "[" && peek(1) == ":" {
                    if let close = findPosixEnd() {
                        var name = text(i + 2, close)
                        var neg = false
                        if name.hasPrefix("^") { neg = true; name.removeFirst() }
                        guard let ranges = Parser.posixClasses[name] else {
                            throw SyntaxError(code: "invalid character class range", expr: text(i, close + 2))
                        }
                        cc.items += neg ? [.negatedRanges(ranges)] : ranges.map { .range($0.lowerBound, $0.upperBound) }
                        i = close + 2
                        continue
                    }
                }
                if c == "\\", let n = peek(1), "dswDSWpP".unicodeScalars.contains(n) {
                    cc.items += try parseClassEscape()
                    continue
                }
                let rangeStart = i
                let lo = try classRune(missingBracket)
                var hi = lo
                if peek() == "-", let n = peek(1), n != "]" {
                    i += 1
                    hi = try classRune(missingBracket)
                    if hi.value < lo.value {
                        throw SyntaxError(code: "invalid character class range", expr: text(rangeStart, i))
                    }
                }
                cc.items.append(.range(lo.value, hi.value))
            }
            return cc
        }

        func findPosixEnd() -> Int? {
            var j = i + 2
            while j + 1 < s.count {
                if s[j] == ":" && s[j + 1] == "]" { return j }
                j += 1
            }
            return nil
        }

        mutating func classRune(_ missing: SyntaxError) throws(SyntaxError) -> Unicode.Scalar {
            guard let c = peek() else { throw missing }
            if c == "\\" {
                if i + 1 >= s.count { throw SyntaxError(code: "trailing backslash at end of expression", expr: "") }
                return try parseRuneEscape()
            }
            i += 1
            return c
        }
    }
}
