// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The scanner of Go's text/template, as a set of states over the template's UTF-8 bytes.
///
/// Tokens carry their byte offset and line. Trim markers (`{{- ` and ` -}}`) are resolved here alone:
/// the trimmed white space never reaches the parser. Comments (`{{/* … */}}`) are dropped here too.
/// Newlines are allowed inside actions (Go ≥ 1.16).
struct Token: Sendable {
    var kind: Kind
    var pos: Int
    var line: Int
    var text: String

    /// A plain enum (an error's message is the token's `text`), so tokens copy without reference counting
    /// of the kind and compare with one integer test.
    enum Kind: Sendable, Equatable {
        case error
        case bool, char, charConstant, complex, assign, declare, eof, field, identifier
        case leftDelim, leftParen, number, pipe, rawString, rightDelim, rightParen, space, string, text, variable
        // keywords
        case block, breakKw, continueKw, dot, define, elseKw, end, ifKw, nilKw, range, template, with

        var isKeyword: Bool {
            switch self {
            case .block, .breakKw, .continueKw, .dot, .define, .elseKw, .end, .ifKw, .nilKw, .range, .template, .with:
                return true
            default:
                return false
            }
        }
    }

    var string: String { text }

    /// How Go's parser names a token in "unexpected X in Y" errors.
    var description: String {
        switch kind {
        case .eof: return "EOF"
        case .error: return text
        default:
            let s = string
            if kind.isKeyword { return "<\(s)>" }
            if s.utf8.count > 10 {
                // Go: fmt.Sprintf("%.10q...", val): the first 10 runes, quoted.
                return GoStrconv.quote(String(s.unicodeScalars.prefix(10).map(Character.init))) + "..."
            }
            return GoStrconv.quote(s)
        }
    }
}

/// The lexer. It produces tokens on demand (the parser pulls them), so a parse error stops scanning at once.
struct Lexer {
    let input: [UInt8]
    private(set) var pos = 0
    private var start = 0
    private var line = 1
    private var startLine = 1
    private var insideAction = false
    private var parenDepth = 0
    private var done = false
    /// Whether `break` and `continue` are keywords (Go makes them keywords unless a function has that name).
    let breakOK: Bool
    let continueOK: Bool
    private var pending: [Token] = []

    static let trimMarkerLen = 2

    init(_ text: String, breakOK: Bool = true, continueOK: Bool = true) {
        self.input = Array(text.utf8)
        self.breakOK = breakOK
        self.continueOK = continueOK
    }

    // MARK: helpers

    @inline(__always) private func byte(at i: Int) -> UInt8? { i < input.count ? input[i] : nil }

    private func hasPrefix(_ p: [UInt8], at i: Int) -> Bool {
        guard i + p.count <= input.count else { return false }
        for k in 0..<p.count where input[i + k] != p[k] { return false }
        return true
    }

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }

    private func hasLeftTrimMarker(at i: Int) -> Bool {
        guard i + 1 < input.count else { return false }
        return input[i] == UInt8(ascii: "-") && Lexer.isSpace(input[i + 1])
    }

    private func hasRightTrimMarker(at i: Int) -> Bool {
        guard i + 1 < input.count else { return false }
        return Lexer.isSpace(input[i]) && input[i + 1] == UInt8(ascii: "-")
    }

    /// Whether `}}` starts at `i`.
    @inline(__always) private func atCloseBraces(_ i: Int) -> Bool {
        i + 1 < input.count && input[i] == UInt8(ascii: "}") && input[i + 1] == UInt8(ascii: "}")
    }

    /// (at a right delimiter, with a trim marker before it)
    private func atRightDelim() -> (Bool, Bool) {
        if hasRightTrimMarker(at: pos) && atCloseBraces(pos + Lexer.trimMarkerLen) { return (true, true) }
        if atCloseBraces(pos) { return (true, false) }
        return (false, false)
    }

    private func countNewlines(_ from: Int, _ to: Int) -> Int {
        guard from < to else { return 0 }
        return input.withUnsafeBufferPointer { buf in
            var n = 0
            for i in from..<to where buf[i] == 0x0A { n += 1 }
            return n
        }
    }

    /// Where the next `{{` starts at or after `i` (the input's length when there is none); `memchr` skips the
    /// template text between actions, most of a chart's bytes.
    private func leftDelimiter(from i: Int) -> Int {
        input.withUnsafeBufferPointer { buf -> Int in
            guard let base = buf.baseAddress else { return buf.count }
            var x = i
            while x < buf.count {
                guard let hit = memchr(base + x, 0x7B, buf.count - x) else { return buf.count }
                let j = x + (UnsafeRawPointer(hit) - UnsafeRawPointer(base + x))
                if j + 1 < buf.count && buf[j + 1] == 0x7B { return j }
                x = j + 1
            }
            return buf.count
        }
    }

    /// Decodes the rune at `i`: (scalar value, width). Invalid UTF-8 gives U+FFFD with width 1, as Go does.
    private func rune(at i: Int) -> (UInt32, Int)? {
        guard i < input.count else { return nil }
        let b0 = input[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        var need = 0
        var v: UInt32 = 0
        if b0 & 0xE0 == 0xC0 {
            need = 1; v = UInt32(b0 & 0x1F)
        } else if b0 & 0xF0 == 0xE0 {
            need = 2; v = UInt32(b0 & 0x0F)
        } else if b0 & 0xF8 == 0xF0 {
            need = 3; v = UInt32(b0 & 0x07)
        } else {
            return (0xFFFD, 1)
        }
        guard i + need < input.count else { return (0xFFFD, 1) }
        for k in 1...need {
            let b = input[i + k]
            guard b & 0xC0 == 0x80 else { return (0xFFFD, 1) }
            v = v << 6 | UInt32(b & 0x3F)
        }
        return (v, need + 1)
    }

    private mutating func ignore() {
        line += countNewlines(start, pos)
        start = pos
        startLine = line
    }

    private mutating func errorToken(_ msg: String) -> Token {
        done = true
        return Token(kind: .error, pos: start, line: startLine, text: msg)
    }

    // MARK: scanning

    /// The next token. After an error or EOF it keeps returning EOF.
    mutating func next() -> Token {
        if !pending.isEmpty { return pending.removeFirst() }
        if done { return Token(kind: .eof, pos: input.count, line: line, text: "") }
        return insideAction ? lexInsideAction() : lexText()
    }

    private mutating func lexText() -> Token {
        // Find the next left delimiter.
        let x = leftDelimiter(from: pos)
        let n = input.count
        if x < n {
            if x > pos {
                pos = x
                var trimLength = 0
                if hasLeftTrimMarker(at: pos + 2) {
                    var k = pos
                    while k > start && Lexer.isSpace(input[k - 1]) { k -= 1 }
                    trimLength = pos - k
                }
                pos -= trimLength
                line += countNewlines(start, pos)
                let t = Token(kind: .text, pos: start, line: startLine, text: sub(start, pos))
                pos += trimLength
                line += countNewlines(pos - trimLength, pos)
                start = pos
                startLine = line
                if !t.text.isEmpty {
                    return t
                }
            }
            return lexLeftDelim()
        }
        pos = n
        if pos > start {
            line += countNewlines(start, pos)
            let t = Token(kind: .text, pos: start, line: startLine, text: sub(start, pos))
            start = pos
            startLine = line
            return t
        }
        done = true
        return Token(kind: .eof, pos: pos, line: line, text: sub(pos, pos))
    }

    private func sub(_ a: Int, _ b: Int) -> String {
        // One ASCII byte (punctuation, a one-letter name, a single space) comes from a table: a token's text is
        // made for every token, and most are short.
        if b - a == 1, input[a] < 0x80 { return Lexer.asciiSingles[Int(input[a])] }
        return String(decoding: input[a..<b], as: UTF8.self)
    }

    private static let asciiSingles: [String] = (0..<128).map { String(Unicode.Scalar(UInt8($0))) }

    private mutating func lexLeftDelim() -> Token {
        pos += 2
        let trimSpace = hasLeftTrimMarker(at: pos)
        let afterMarker = trimSpace ? Lexer.trimMarkerLen : 0
        if hasPrefix(Array("/*".utf8), at: pos + afterMarker) {
            pos += afterMarker
            ignore()
            return lexComment()
        }
        let t = Token(kind: .leftDelim, pos: start, line: startLine, text: "{{")
        insideAction = true
        pos += afterMarker
        ignore()
        parenDepth = 0
        return t
    }

    private mutating func lexComment() -> Token {
        pos += 2
        // find "*/"
        var x = pos
        var found = -1
        while x + 1 < input.count {
            if input[x] == UInt8(ascii: "*") && input[x + 1] == UInt8(ascii: "/") { found = x; break }
            x += 1
        }
        if found < 0 { return errorToken("unclosed comment") }
        pos = found + 2
        let (delim, trimSpace) = atRightDelim()
        if !delim { return errorToken("comment ends before closing delimiter") }
        if trimSpace { pos += Lexer.trimMarkerLen }
        pos += 2
        if trimSpace {
            while pos < input.count && Lexer.isSpace(input[pos]) { pos += 1 }
        }
        ignore()
        return lexText()
    }

    private mutating func lexRightDelim() -> Token {
        let (_, trimSpace) = atRightDelim()
        if trimSpace {
            pos += Lexer.trimMarkerLen
            ignore()
        }
        pos += 2
        let t = Token(kind: .rightDelim, pos: start, line: startLine, text: "}}")
        start = pos
        startLine = line
        if trimSpace {
            while pos < input.count && Lexer.isSpace(input[pos]) { pos += 1 }
            ignore()
        }
        insideAction = false
        return t
    }

    private mutating func emit(_ kind: Token.Kind) -> Token {
        emit(kind, text: sub(start, pos))
    }

    /// A token whose text (the input from `start` to `pos`) is already made.
    private mutating func emit(_ kind: Token.Kind, text: String) -> Token {
        let t = Token(kind: kind, pos: start, line: startLine, text: text)
        line += countNewlines(start, pos)
        start = pos
        startLine = line
        return t
    }

    private mutating func lexInsideAction() -> Token {
        let (delim, _) = atRightDelim()
        if delim {
            if parenDepth == 0 { return lexRightDelim() }
            return errorToken("unclosed left paren")
        }
        guard let (r, w) = rune(at: pos) else { return errorToken("unclosed action") }
        pos += w
        switch r {
        case 0x20, 0x09, 0x0D, 0x0A:
            pos -= w
            return lexSpace()
        case UInt32(UInt8(ascii: "=")):
            return emit(.assign)
        case UInt32(UInt8(ascii: ":")):
            if byte(at: pos) != UInt8(ascii: "=") {
                if pos < input.count { pos += rune(at: pos)?.1 ?? 1 }
                return errorToken("expected :=")
            }
            pos += 1
            return emit(.declare)
        case UInt32(UInt8(ascii: "|")):
            return emit(.pipe)
        case UInt32(UInt8(ascii: "\"")):
            return lexQuote()
        case UInt32(UInt8(ascii: "`")):
            return lexRawQuote()
        case UInt32(UInt8(ascii: "$")):
            return lexVariable()
        case UInt32(UInt8(ascii: "'")):
            return lexChar()
        case UInt32(UInt8(ascii: ".")):
            if let b = byte(at: pos), b < UInt8(ascii: "0") || b > UInt8(ascii: "9") {
                return lexFieldOrVariable(.field)
            }
            if byte(at: pos) == nil { return lexFieldOrVariable(.field) }
            pos -= w
            return lexNumber()
        case UInt32(UInt8(ascii: "+")), UInt32(UInt8(ascii: "-")), UInt32(UInt8(ascii: "0"))...UInt32(UInt8(ascii: "9")):
            pos -= w
            return lexNumber()
        case UInt32(UInt8(ascii: "(")):
            parenDepth += 1
            return emit(.leftParen)
        case UInt32(UInt8(ascii: ")")):
            let t = emit(.rightParen)
            parenDepth -= 1
            if parenDepth < 0 { return errorToken("unexpected right paren") }
            return t
        default:
            if Lexer.isAlphaNumeric(r) {
                pos -= w
                return lexIdentifier()
            }
            if r < 0x80 && r >= 0x20 && r != 0x7F {
                return emit(.char)
            }
            return errorToken("unrecognized character in action: \(Lexer.formatRune(r))")
        }
    }

    /// Go's `%#U`: `U+0001`, or `U+00E9 'é'` for printable runes.
    static func formatRune(_ r: UInt32) -> String {
        var hex = String(r, radix: 16, uppercase: true)
        while hex.count < 4 { hex = "0" + hex }
        if let s = Unicode.Scalar(r), GoStrconv.isPrint(Int(r)) {
            return "U+\(hex) '\(Character(s))'"
        }
        return "U+\(hex)"
    }

    private mutating func lexSpace() -> Token {
        var numSpaces = 0
        while pos < input.count && Lexer.isSpace(input[pos]) {
            pos += 1
            numSpaces += 1
        }
        if hasRightTrimMarker(at: pos - 1) && atCloseBraces(pos - 1 + Lexer.trimMarkerLen) {
            pos -= 1
            if numSpaces == 1 {
                return lexRightDelim()
            }
        }
        return emit(.space)
    }

    /// Moves past letters, digits and underscores (ASCII ones byte by byte, others as decoded runes).
    @inline(__always) private mutating func skipAlphaNumeric() {
        while pos < input.count {
            let b = input[pos]
            if b < 0x80 {
                let lower = b | 0x20
                guard (lower >= 0x61 && lower <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x5F else { return }
                pos += 1
                continue
            }
            guard let (r, w) = rune(at: pos), Lexer.isAlphaNumeric(r) else { return }
            pos += w
        }
    }

    static func isAlphaNumeric(_ r: UInt32) -> Bool {
        if r == 0x5F { return true }
        if r < 0x80 {
            return (r >= 0x30 && r <= 0x39) || (r >= 0x41 && r <= 0x5A) || (r >= 0x61 && r <= 0x7A)
        }
        guard let s = Unicode.Scalar(r) else { return false }
        return s.properties.isAlphabetic || s.properties.numericType == .decimal
    }

    private func atTerminator() -> Bool {
        guard let b = byte(at: pos) else { return true }
        if Lexer.isSpace(b) { return true }
        switch b {
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "|"), UInt8(ascii: ":"), UInt8(ascii: ")"), UInt8(ascii: "("):
            return true
        default:
            return atCloseBraces(pos)
        }
    }

    private mutating func lexIdentifier() -> Token {
        skipAlphaNumeric()
        if !atTerminator() {
            let r = rune(at: pos)?.0 ?? 0
            pos += rune(at: pos)?.1 ?? 0
            return errorToken("bad character \(Lexer.formatRune(r))")
        }
        var kind = keyword(start, pos) ?? .identifier
        if kind == .breakKw && !breakOK { kind = .identifier }
        if kind == .continueKw && !continueOK { kind = .identifier }
        return emit(kind)
    }

    /// The keywords, by their bytes.
    private static let keywords: [(word: [UInt8], kind: Token.Kind)] = {
        let table: [(String, Token.Kind)] = [
            ("block", .block), ("break", .breakKw), ("continue", .continueKw), ("define", .define),
            ("else", .elseKw), ("end", .end), ("if", .ifKw), ("range", .range), ("nil", .nilKw),
            ("template", .template), ("with", .with), ("true", .bool), ("false", .bool),
        ]
        return table.map { (word: Array($0.0.utf8), kind: $0.1) }
    }()

    /// The keyword spelled by the input from `a` to `b`, if any (compared as bytes: most words are function
    /// names, and a string comparison per keyword costs more than the whole scan).
    private func keyword(_ a: Int, _ b: Int) -> Token.Kind? {
        let n = b - a
        guard n >= 2 && n <= 8 else { return nil }
        let first = input[a]
        for (word, kind) in Lexer.keywords where word.count == n && word[0] == first {
            var same = true
            for k in 1..<n where input[a + k] != word[k] {
                same = false
                break
            }
            if same { return kind }
        }
        return nil
    }

    private mutating func lexVariable() -> Token {
        if atTerminator() { return emit(.variable) }
        return lexFieldOrVariable(.variable)
    }

    private mutating func lexFieldOrVariable(_ kind: Token.Kind) -> Token {
        if atTerminator() {
            return emit(kind == .variable ? .variable : .dot)
        }
        skipAlphaNumeric()
        if !atTerminator() {
            let r = rune(at: pos)?.0 ?? 0
            pos += rune(at: pos)?.1 ?? 0
            return errorToken("bad character \(Lexer.formatRune(r))")
        }
        return emit(kind)
    }

    private mutating func lexChar() -> Token {
        while true {
            guard let b = byte(at: pos) else { return errorToken("unterminated character constant") }
            pos += 1
            if b == UInt8(ascii: "\\") {
                if let c = byte(at: pos), c != 0x0A { pos += 1; continue }
                return errorToken("unterminated character constant")
            }
            if b == 0x0A { return errorToken("unterminated character constant") }
            if b == UInt8(ascii: "'") { break }
        }
        return emit(.charConstant)
    }

    private mutating func accept(_ valid: String) -> Bool {
        if let b = byte(at: pos), valid.utf8.contains(b) { pos += 1; return true }
        return false
    }

    private mutating func acceptRun(_ valid: String) {
        while let b = byte(at: pos), valid.utf8.contains(b) { pos += 1 }
    }

    private mutating func scanNumber() -> Bool {
        _ = accept("+-")
        var digits = "0123456789_"
        if accept("0") {
            if accept("xX") { digits = "0123456789abcdefABCDEF_" } else if accept("oO") { digits = "01234567_" } else if accept("bB") { digits = "01_" }
        }
        acceptRun(digits)
        if accept(".") { acceptRun(digits) }
        if digits.utf8.count == 11 && accept("eE") {
            _ = accept("+-")
            acceptRun("0123456789_")
        }
        if digits.utf8.count == 23 && accept("pP") {
            _ = accept("+-")
            acceptRun("0123456789_")
        }
        _ = accept("i")
        if let (r, w) = rune(at: pos), Lexer.isAlphaNumeric(r) {
            pos += w
            return false
        }
        return true
    }

    private mutating func lexNumber() -> Token {
        if !scanNumber() {
            return errorToken("bad number syntax: \(GoStrconv.quote(String(decoding: input[start..<pos], as: UTF8.self)))")
        }
        if let s = byte(at: pos), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") {
            if !scanNumber() || input[pos - 1] != UInt8(ascii: "i") {
                return errorToken("bad number syntax: \(GoStrconv.quote(String(decoding: input[start..<pos], as: UTF8.self)))")
            }
            return emit(.complex)
        }
        return emit(.number)
    }

    private mutating func lexQuote() -> Token {
        while true {
            guard let b = byte(at: pos) else { return errorToken("unterminated quoted string") }
            pos += 1
            if b == UInt8(ascii: "\\") {
                if let c = byte(at: pos), c != 0x0A { pos += 1; continue }
                return errorToken("unterminated quoted string")
            }
            if b == 0x0A { return errorToken("unterminated quoted string") }
            if b == UInt8(ascii: "\"") { break }
        }
        return emit(.string)
    }

    private mutating func lexRawQuote() -> Token {
        while true {
            guard let b = byte(at: pos) else { return errorToken("unterminated raw quoted string") }
            pos += 1
            if b == UInt8(ascii: "`") { break }
        }
        return emit(.rawString)
    }
}
