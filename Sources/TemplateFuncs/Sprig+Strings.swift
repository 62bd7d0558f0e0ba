// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRegex
import GoRuntime
import GoTemplate

extension Sprig {
    /// Sprig's strings functions (strings.go, goutils and xstrings as Sprig calls them).
    static func registerStrings(into t: inout FunctionTable) {
        func s1(_ name: String, _ f: @escaping @Sendable (String) -> String) {
            t.register(name, GoFunction([.string]) { a in .string(f(str(a[0]))) })
        }
        func s2(_ name: String, _ f: @escaping @Sendable (String, String) -> String) {
            t.register(name, GoFunction([.string, .string]) { a in .string(f(str(a[0]), str(a[1]))) })
        }
        s1("trim", trimSpace)
        s1("upper") { GoUnicode.map($0, GoUnicode.toUpper) }
        s1("lower") { GoUnicode.map($0, GoUnicode.toLower) }
        s1("title", GoStrings.title)
        s1("untitle", GoStrings.uncapitalize)
        s1("nospace", GoStrings.deleteWhiteSpace)
        s1("initials", GoStrings.initials)
        s1("swapcase", GoStrings.swapCase)
        s1("snakecase") { GoStrings.camelToLower($0, connector: "_") }
        s1("kebabcase") { GoStrings.camelToLower($0, connector: "-") }
        s1("camelcase", GoStrings.pascalCase)
        s2("trimAll") { GoStrings.trim($1, cutset: $0) }
        s2("trimall") { GoStrings.trim($1, cutset: $0) }
        // strings.TrimSuffix and TrimPrefix compare bytes (GoByteString: those that are not UTF-8 included).
        s2("trimSuffix") { s, x in
            let xb = GoByteString.bytes(x), sb = GoByteString.bytes(s)
            return xb.count >= sb.count && xb.reversed().starts(with: sb.reversed()) ? GoByteString.string(xb.dropLast(sb.count)) : x
        }
        s2("trimPrefix") { p, x in
            let xb = GoByteString.bytes(x), pb = GoByteString.bytes(p)
            return xb.starts(with: pb) ? GoByteString.string(xb.dropFirst(pb.count)) : x
        }
        t.register("contains", GoFunction([.string, .string]) { a in .bool(GoStrings.index(str(a[1]), str(a[0])) >= 0) })
        t.register("hasPrefix", GoFunction([.string, .string]) { a in .bool(str(a[1]).utf8.starts(with: str(a[0]).utf8)) })
        t.register(
            "hasSuffix",
            GoFunction([.string, .string]) { a in
                .bool(str(a[1]).utf8.reversed().starts(with: str(a[0]).utf8.reversed()))
            })
        t.register(
            "abbrev",
            GoFunction([.int, .string]) { a in
                let w = int(a[0]), s = str(a[1])
                if w < 4 { return .string(s) }
                return .string(GoStrings.abbreviate(s, offset: 0, maxWidth: w) ?? "")
            })
        t.register(
            "abbrevboth",
            GoFunction([.int, .int, .string]) { a in
                let l = int(a[0]), r = int(a[1]), s = str(a[2])
                if r < 4 || l > 0 && r < 7 { return .string(s) }
                return .string(GoStrings.abbreviate(s, offset: l, maxWidth: r) ?? "")
            })
        t.register(
            "trunc",
            GoFunction([.int, .string]) { a in
                let c = int(a[0]), s = str(a[1]), n = GoByteString.count(s)
                if c < 0 && n + c > 0 { return .string(GoByteString.slice(s, n + c, n)) }
                if c >= 0 && n > c { return .string(GoByteString.slice(s, 0, c)) }
                return .string(s)
            })
        t.register(
            "substr",
            GoFunction([.int, .int, .string]) { a throws(GoError) in
                let start = int(a[0]), end = int(a[1]), s = str(a[2]), n = GoByteString.count(s)
                if start < 0 { return .string(try goSlice(s, nil, end)) }
                if end < 0 || end > n { return .string(try goSlice(s, start, nil)) }
                return .string(try goSlice(s, start, end))
            })
        t.register(
            "repeat",
            GoFunction([.int, .string]) { a throws(GoError) in
                .string(try GoStrings.repeating(str(a[1]), int(a[0])))
            })
        t.register(
            "wrap",
            GoFunction([.int, .string]) { a in
                .string(GoStrings.wrap(str(a[1]), int(a[0]), newline: "", wrapLongWords: false))
            })
        t.register(
            "wrapWith",
            GoFunction([.int, .string, .string]) { a in
                .string(GoStrings.wrap(str(a[2]), int(a[0]), newline: str(a[1]), wrapLongWords: true))
            })
        t.register(
            "quote",
            GoFunction([], variadic: .any) { a in
                .string(a.filter { !$0.isNull }.map { GoStrconv.quote(Cast.strval($0)) }.joined(separator: " "))
            })
        t.register(
            "squote",
            GoFunction([], variadic: .any) { a in
                .string(a.filter { !$0.isNull }.map { "'" + GoFmt.sprint([$0]) + "'" }.joined(separator: " "))
            })
        t.register(
            "cat",
            GoFunction([], variadic: .any) { a in
                .string(a.filter { !$0.isNull }.map { GoFmt.sprint([$0]) }.joined(separator: " "))
            })
        t.register(
            "indent",
            GoFunction([.int, .string]) { a throws(GoError) in
                .string(try indentText(int(a[0]), str(a[1])))
            })
        t.register(
            "nindent",
            GoFunction([.int, .string]) { a throws(GoError) in
                .string("\n" + (try indentText(int(a[0]), str(a[1]))))
            })
        t.register(
            "replace",
            GoFunction([.string, .string, .string]) { a in
                .string(GoStrings.replace(str(a[2]), str(a[0]), str(a[1])))
            })
        t.register("plural", GoFunction([.string, .string, .int]) { a in int(a[2]) == 1 ? a[0] : a[1] })
        t.register(
            "split",
            GoFunction([.string, .string]) { a in
                splitMap(GoStrings.split(str(a[1]), str(a[0]), -1))
            })
        t.register(
            "splitn",
            GoFunction([.string, .int, .string]) { a in
                splitMap(GoStrings.split(str(a[2]), str(a[0]), int(a[1])))
            })
        t.register(
            "splitList",
            GoFunction([.string, .string]) { a in
                .strings(GoStrings.split(str(a[1]), str(a[0]), -1))
            })
        t.register("toStrings", GoFunction([.any]) { a in .strings(strslice(a[0])) })
        t.register("join", GoFunction([.string, .any]) { a in .string(strslice(a[1]).joined(separator: str(a[0]))) })
    }

    /// The string inside a converted `string` argument.
    static func str(_ v: Value) -> String { v.stringValue ?? "" }

    /// The integer inside a converted `int` argument.
    static func int(_ v: Value) -> Int { if case .int(let i, _) = v { return i } else { return 0 } }

    static func indentText(_ n: Int, _ s: String) throws(GoError) -> String {
        let pad = try GoStrings.repeating(" ", n)
        return pad + s.replacingAll("\n", with: "\n" + pad)
    }

    static func splitMap(_ parts: [String]) -> Value {
        var m: [String: Value] = [:]
        for (i, p) in parts.enumerated() { m["_\(i)"] = .string(p) }
        return .map(m, .stringMap)
    }

    /// Go's `s[a:b]` with Go's panic texts for out-of-range bounds (`nil` bounds are omitted ones).
    static func goSlice(_ s: String, _ a: Int?, _ b: Int?) throws(GoError) -> String {
        let n = GoByteString.count(s)
        let lo = a ?? 0, hi = b ?? n
        if let b, b < 0 {
            throw GoError("runtime error: slice bounds out of range [:\(b)]")
        }
        if let b, b > n {
            throw GoError("runtime error: slice bounds out of range [:\(b)] with length \(n)")
        }
        if let a, b == nil, a > n || a < 0 {
            throw GoError("runtime error: slice bounds out of range [\(a):\(n)]")
        }
        if lo < 0 { throw GoError("runtime error: slice bounds out of range [\(lo):]") }
        if lo > hi { throw GoError("runtime error: slice bounds out of range [\(lo):\(hi)]") }
        return GoByteString.slice(s, lo, hi)
    }

    /// Sprig's `strslice`: `[]string` as is, other lists element-wise through `strval` without nils,
    /// nil as an empty list, anything else as a one-element list.
    static func strslice(_ v: Value) -> [String] {
        switch v {
        case .null: return []
        case .slice(let items, _): return items.compactMap { $0.isNull ? nil : Cast.strval($0) }
        case .bytes(let b): return b.map { String($0) }
        default: return [Cast.strval(v)]
        }
    }
}

/// Go's `strings` package and the goutils/xstrings helpers Sprig calls, on Go's byte and rune semantics.
enum GoStrings {
    /// `strings.Index` (byte offset, -1 if absent).
    static func index(_ s: String, _ sub: String) -> Int {
        let h = Array(s.utf8), n = Array(sub.utf8)
        if n.isEmpty { return 0 }
        if n.count > h.count { return -1 }
        var i = 0
        while i + n.count <= h.count {
            if h[i] == n[0] && h[i..<(i + n.count)].elementsEqual(n) { return i }
            i += 1
        }
        return -1
    }

    /// `strings.Repeat`, with its panics.
    static func repeating(_ s: String, _ count: Int) throws(GoError) -> String {
        if count < 0 { throw GoError("strings: negative Repeat count") }
        let (p, o) = GoByteString.count(s).multipliedReportingOverflow(by: count)
        if o || p > Int(Int32.max) * 64 { throw GoError("strings: Repeat output length overflow") }
        return String(repeating: s, count: count)
    }

    /// `strings.Replace(s, old, new, -1)`.
    static func replace(_ s: String, _ old: String, _ new: String) -> String {
        if old == new { return s }
        if !old.isEmpty { return s.replacingAll(old, with: new) }
        var out = new
        for ch in s.unicodeScalars {
            out.unicodeScalars.append(ch)
            out += new
        }
        return out
    }

    /// `strings.SplitN` (n < 0: all parts; n == 0: none).
    static func split(_ s: String, _ sep: String, _ n: Int) -> [String] {
        if n == 0 { return [] }
        if sep.isEmpty {
            let runes = Array(s.unicodeScalars)
            let limit = (n < 0 || n > runes.count) ? runes.count : n
            var out: [String] = []
            for i in 0..<limit {
                if i == limit - 1 {
                    var rest = String.UnicodeScalarView()
                    rest.append(contentsOf: runes[i...])
                    out.append(String(rest))
                } else {
                    out.append(String(runes[i]))
                }
            }
            return out
        }
        let h = Array(s.utf8), p = Array(sep.utf8)
        var out: [String] = []
        var start = 0, i = 0
        while i + p.count <= h.count {
            if n > 0 && out.count == n - 1 { break }
            if h[i] == p[0] && h[i..<(i + p.count)].elementsEqual(p) {
                out.append(String(decoding: h[start..<i], as: UTF8.self))
                i += p.count
                start = i
            } else {
                i += 1
            }
        }
        out.append(String(decoding: h[start...], as: UTF8.self))
        return out
    }

    /// `strings.Trim(s, cutset)`.
    static func trim(_ s: String, cutset: String) -> String {
        if s.isEmpty || cutset.isEmpty { return s }
        let cut = Set(cutset.unicodeScalars)
        let sc = s.unicodeScalars
        guard let first = sc.firstIndex(where: { !cut.contains($0) }) else { return "" }
        let last = sc.lastIndex(where: { !cut.contains($0) }) ?? first
        return String(sc[first...last])
    }

    /// `strings.Title`: the first letter after a separator becomes title case.
    static func title(_ s: String) -> String {
        func isSeparator(_ r: Unicode.Scalar) -> Bool {
            if r.value <= 0x7F {
                switch r {
                case "0"..."9", "a"..."z", "A"..."Z", "_": return false
                default: return true
                }
            }
            if GoUnicode.isLetter(r) || GoUnicode.isDigit(r) { return false }
            return GoUnicode.isSpace(r)
        }
        var prev: Unicode.Scalar = " "
        return GoUnicode.map(s) { r in
            defer { prev = r }
            return isSeparator(prev) ? GoUnicode.toTitle(r) : r
        }
    }

    /// goutils `Uncapitalize`: the first rune of each white-space separated word to lower case.
    static func uncapitalize(_ s: String) -> String {
        var next = true
        return GoUnicode.map(s) { r in
            if GoUnicode.isSpace(r) { next = true; return r }
            if next { next = false; return GoUnicode.toLower(r) }
            return r
        }
    }

    /// goutils `SwapCase`: upper and title to lower; lower to title after white space, else to upper.
    static func swapCase(_ s: String) -> String {
        var ws = true
        return GoUnicode.map(s) { r in
            if GoUnicode.isUpper(r) || GoUnicode.isTitle(r) { ws = false; return GoUnicode.toLower(r) }
            if GoUnicode.isLower(r) {
                if ws { ws = false; return GoUnicode.toTitle(r) }
                return GoUnicode.toUpper(r)
            }
            ws = GoUnicode.isSpace(r)
            return r
        }
    }

    /// goutils `DeleteWhiteSpace`: works byte by byte, writing each kept byte as the rune of that value
    /// (so non-ASCII text is re-encoded as Latin-1 whenever anything was removed, as in Go).
    static func deleteWhiteSpace(_ s: String) -> String {
        let bytes = Array(s.utf8)
        var out = String.UnicodeScalarView()
        var count = 0
        for b in bytes where !GoUnicode.isSpace(GoUnicode.latin1(b)) {
            out.append(GoUnicode.latin1(b))
            count += 1
        }
        return count == bytes.count ? s : String(out)
    }

    /// goutils `Initials`: byte-wise, like `DeleteWhiteSpace`.
    static func initials(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var gap = true
        for b in s.utf8 {
            let r = GoUnicode.latin1(b)
            if GoUnicode.isSpace(r) {
                gap = true
            } else if gap {
                out.append(r)
                gap = false
            }
        }
        return String(out)
    }

    /// goutils `AbbreviateFull`; nil where goutils returns an error.
    static func abbreviate(_ str: String, offset: Int, maxWidth: Int) -> String? {
        if str.isEmpty { return "" }
        if maxWidth < 4 { return nil }
        let n = GoByteString.count(str)
        if n <= maxWidth { return str }
        var offset = min(offset, n)
        if n - offset < maxWidth - 3 { offset = n - (maxWidth - 3) }
        if offset <= 4 { return GoByteString.slice(str, 0, maxWidth - 3) + "..." }
        if maxWidth < 7 { return nil }
        if offset + maxWidth - 3 < n {
            return "..." + (abbreviate(GoByteString.slice(str, offset, n), offset: 0, maxWidth: maxWidth - 3) ?? "")
        }
        return "..." + GoByteString.slice(str, n - (maxWidth - 3), n)
    }

    /// goutils `WrapCustom`, byte-wise on ' '.
    static func wrap(_ str: String, _ wrapLength: Int, newline: String, wrapLongWords: Bool) -> String {
        if str.isEmpty { return "" }
        let nl = Array((newline.isEmpty ? "\n" : newline).utf8)
        let wrapLength = max(wrapLength, 1)
        let s = Array(str.utf8)
        let length = s.count
        var offset = 0
        var out: [UInt8] = []
        func lastSpace(_ from: Int, _ to: Int) -> Int? { (from..<to).last(where: { s[$0] == 0x20 }) }
        while length - offset > wrapLength {
            if s[offset] == 0x20 {
                offset += 1
                continue
            }
            let end = wrapLength + offset + 1
            if let at = lastSpace(offset, end) {
                out += s[offset..<at]
                out += nl
                offset = at + 1
            } else if wrapLongWords {
                let end = wrapLength + offset
                out += s[offset..<end]
                out += nl
                offset += wrapLength
            } else {
                let end = wrapLength + offset
                if let at = (end..<length).first(where: { s[$0] == 0x20 }) {
                    out += s[offset..<at]
                    out += nl
                    offset = at + 1
                } else {
                    out += s[offset..<length]
                    offset = length
                }
            }
        }
        out += s[offset..<length]
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: xstrings case conversions

    private static let runeError: Unicode.Scalar = "\u{FFFD}"

    static func isConnector(_ r: Unicode.Scalar) -> Bool { r == "-" || r == "_" || GoUnicode.isSpace(r) }

    /// xstrings' `isAlphabet`: letters, less the common CJK ideograph blocks.
    static func isAlphabet(_ r: Unicode.Scalar) -> Bool {
        guard GoUnicode.isLetter(r) else { return false }
        switch r.value {
        case ..<0x3400: return true
        case 0x4E00...0x9FCC, 0x3400...0x4D85, 0x20000...0x2B81D: return false
        default: return true
        }
    }

    /// xstrings `ToPascalCase` (Sprig's `camelcase`).
    static func pascalCase(_ str: String) -> String {
        let rs = Array(str.unicodeScalars)
        if rs.isEmpty { return "" }
        var out = String.UnicodeScalarView()
        var i = 0
        var r0: Unicode.Scalar = " "
        var firstUpper = false
        var consumed = false
        while i < rs.count {
            r0 = rs[i]
            i += 1
            consumed = true
            if !isConnector(r0) {
                firstUpper = GoUnicode.isUpper(r0)
                r0 = GoUnicode.toUpper(r0)
                break
            }
            out.append(r0)
        }
        if i == rs.count {
            // Go writes the last rune read even when it was a connector already written ("_" gives "__").
            if consumed { out.append(r0) }
            return String(out)
        }
        while i < rs.count {
            let r1 = r0
            r0 = rs[i]
            i += 1
            if isConnector(r0) && isConnector(r1) {
                out.append(r1)
                continue
            }
            if isConnector(r1) {
                firstUpper = GoUnicode.isUpper(r0)
                r0 = GoUnicode.toUpper(r0)
            } else {
                if firstUpper {
                    if GoUnicode.isUpper(r0) { r0 = GoUnicode.toLower(r0) } else { firstUpper = false }
                }
                out.append(r1)
            }
        }
        out.append(r0)
        return String(out)
    }

    enum WordType { case invalid, number, upper, alphabet, connector, punct, other }

    /// xstrings' `nextWord` over runes: the word's type and where it ends (its remainder's start).
    private static func nextWord(_ s: [Unicode.Scalar], _ start: Int) -> (WordType, Int) {
        let n = s.count
        if start >= n { return (.invalid, start) }
        // nextValidRune: skips invalid runes, returning the rune and how many runes it consumed.
        func nextValid(_ at: Int, _ prev: Unicode.Scalar) -> (Unicode.Scalar, Int) {
            var j = at
            while j < n {
                if s[j] != runeError { return (s[j], j - at + 1) }
                j += 1
            }
            return (prev, j - at)
        }
        var (r, size) = nextValid(start, runeError)
        var offset = size
        if r == runeError { return (.invalid, start + offset) }
        var rem = start + size
        func run(_ keep: (Unicode.Scalar) -> Bool) {
            while rem < n {
                let (r2, sz) = nextValid(rem, r)
                r = r2
                if !keep(r2) { break }
                offset += sz
                rem += sz
            }
        }
        var wt: WordType
        if isConnector(r) {
            wt = .connector
            run(isConnector)
        } else if GoUnicode.isPunct(r) {
            wt = .punct
            run(GoUnicode.isPunct)
        } else if GoUnicode.isUpper(r) {
            wt = .upper
            if rem < n {
                (r, size) = nextValid(rem, r)
                if GoUnicode.isUpper(r) {
                    var prevSize = size
                    offset += size
                    rem += size
                    while rem < n {
                        let (r2, sz) = nextValid(rem, r)
                        r = r2
                        if !GoUnicode.isUpper(r2) { break }
                        prevSize = sz
                        offset += sz
                        rem += sz
                    }
                    if rem < n && isAlphabet(r) {
                        offset -= prevSize
                        rem = start + offset
                    }
                } else if isAlphabet(r) {
                    offset += size
                    rem += size
                    run { isAlphabet($0) && !GoUnicode.isUpper($0) }
                }
            }
        } else if isAlphabet(r) {
            wt = .alphabet
            run { isAlphabet($0) && !GoUnicode.isUpper($0) }
        } else if GoUnicode.isNumber(r) {
            wt = .number
            run(GoUnicode.isNumber)
        } else {
            wt = .other
            run { !(isConnector($0) || isAlphabet($0) || GoUnicode.isNumber($0) || GoUnicode.isPunct($0)) }
        }
        return (wt, start + offset)
    }

    /// xstrings `ToSnakeCase` / `ToKebabCase`.
    static func camelToLower(_ str: String, connector: Unicode.Scalar) -> String {
        let s = Array(str.unicodeScalars)
        if s.isEmpty { return "" }
        var out = String.UnicodeScalarView()
        func lower(_ wt: WordType, _ a: Int, _ b: Int) {
            if wt != .upper && wt != .connector {
                out.append(contentsOf: s[a..<b])
                return
            }
            for r in s[a..<b] {
                if isConnector(r) { out.append(connector) } else if GoUnicode.isUpper(r) { out.append(GoUnicode.toLower(r)) } else { out.append(r) }
            }
        }
        var ws = 0
        var (wt, we) = nextWord(s, 0)
        func advance() { ws = we; (wt, we) = nextWord(s, we) }
        while we < s.count {
            if wt != .connector { lower(wt, ws, we) }
            let prev = wt, lastStart = ws, lastEnd = we
            advance()
            switch prev {
            case .number:
                while wt == .alphabet || wt == .number {
                    lower(wt, ws, we)
                    advance()
                }
                if wt != .invalid && wt != .punct && wt != .connector { out.append(connector) }
            case .connector:
                lower(prev, lastStart, lastEnd)
            case .punct:
                break
            default:
                if wt != .number {
                    if wt != .connector && wt != .punct { out.append(connector) }
                    break
                }
                if we >= s.count { break }
                let numStart = ws, numEnd = we
                advance()
                if wt != .alphabet {
                    lower(.number, numStart, numEnd)
                    if wt != .connector && wt != .punct { out.append(connector) }
                    break
                }
                out.append(connector)
                lower(.number, numStart, numEnd)
                while wt == .alphabet || wt == .number {
                    lower(wt, ws, we)
                    advance()
                }
                if wt != .invalid && wt != .connector && wt != .punct { out.append(connector) }
            }
        }
        lower(wt, ws, we)
        return String(out)
    }
}
