// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
// Go's strconv quoting (Quote, QuoteToASCII, QuoteRune, CanBackquote, IsPrint) and the UTF-8 decoding rules
// Go applies to byte strings.

/// Go's UTF-8 helpers.
enum GoUTF8 {
    static let runeError: UInt32 = 0xFFFD
    static let maxRune: UInt32 = 0x10FFFF

    /// Whether `r` is a Unicode scalar value (Go's utf8.ValidRune).
    @inline(__always)
    static func validRune(_ r: UInt32) -> Bool {
        r <= maxRune && !(0xD800...0xDFFF).contains(r)
    }

    /// Decodes one rune at `i` as Go's utf8.DecodeRune does: an invalid or truncated sequence is
    /// (RuneError, 1).
    static func decode(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (rune: UInt32, width: Int) {
        let n = b.count - i
        let c0 = b[i]
        if c0 < 0x80 { return (UInt32(c0), 1) }
        @inline(__always) func cont(_ k: Int) -> UInt32? {
            guard k < n else { return nil }
            let c = b[i + k]
            return c & 0xC0 == 0x80 ? UInt32(c & 0x3F) : nil
        }
        if c0 >= 0xC2 && c0 <= 0xDF {
            if let c1 = cont(1) { return ((UInt32(c0 & 0x1F) << 6) | c1, 2) }
        } else if c0 >= 0xE0 && c0 <= 0xEF {
            if let c1 = cont(1), let c2 = cont(2) {
                let r = (UInt32(c0 & 0x0F) << 12) | (c1 << 6) | c2
                if r >= 0x800 && !(0xD800...0xDFFF).contains(r) { return (r, 3) }
            }
        } else if c0 >= 0xF0 && c0 <= 0xF4 {
            if let c1 = cont(1), let c2 = cont(2), let c3 = cont(3) {
                let r = (UInt32(c0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3
                if r >= 0x10000 && r <= maxRune { return (r, 4) }
            }
        }
        return (runeError, 1)
    }

    /// Number of runes in `b` as Go's utf8.RuneCount counts them.
    static func runeCount(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 0
        var n = 0
        while i < b.count {
            if b[i] < 0x80 { i += 1 } else { i += decode(b, at: i).width }
            n += 1
        }
        return n
    }

    /// Appends the UTF-8 encoding of `r`; invalid runes are encoded as U+FFFD (Go's utf8.AppendRune).
    static func append(_ rIn: UInt32, to out: inout [UInt8]) {
        let r = validRune(rIn) ? rIn : runeError
        switch r {
        case 0..<0x80:
            out.append(UInt8(r))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (r >> 6)))
            out.append(UInt8(0x80 | (r & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (r >> 12)))
            out.append(UInt8(0x80 | ((r >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (r & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (r >> 18)))
            out.append(UInt8(0x80 | ((r >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((r >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (r & 0x3F)))
        }
    }
}

/// Go's strconv quoting.
enum GoQuoting {
    /// Go's strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space, as of
    /// Unicode 15.0 (the version Go's tables use).
    static func isPrint(_ r: UInt32) -> Bool {
        if r <= 0xFF {
            if r >= 0x20 && r <= 0x7E { return true }
            if r >= 0xA1 && r <= 0xFF { return r != 0xAD }
            return false
        }
        guard let s = Unicode.Scalar(r) else { return false }
        let p = s.properties
        switch p.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation,
            .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            guard let age = p.age else { return false }
            return age.major < 15 || (age.major == 15 && age.minor == 0)
        default:
            return false
        }
    }

    /// Appends the escaped form of one rune (Go's appendEscapedRune).
    @inline(__always)
    static func appendEscaped(_ rIn: UInt32, quote: UInt8, asciiOnly: Bool, to out: inout [UInt8]) {
        var r = rIn
        if r == UInt32(quote) || r == 0x5C {
            out.append(0x5C)
            out.append(UInt8(r))
            return
        }
        if asciiOnly {
            if r < 0x80 && isPrint(r) {
                out.append(UInt8(r))
                return
            }
        } else if isPrint(r) {
            GoUTF8.append(r, to: &out)
            return
        }
        let hex = GoFloatFormatter.lowerhex
        switch r {
        case 0x07: out.append(0x5C); out.append(UInt8(ascii: "a"))
        case 0x08: out.append(0x5C); out.append(UInt8(ascii: "b"))
        case 0x0C: out.append(0x5C); out.append(UInt8(ascii: "f"))
        case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
        case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
        case 0x0B: out.append(0x5C); out.append(UInt8(ascii: "v"))
        default:
            if r < 0x20 || r == 0x7F {
                out.append(0x5C)
                out.append(UInt8(ascii: "x"))
                out.append(hex[Int((r >> 4) & 0xF)])
                out.append(hex[Int(r & 0xF)])
                return
            }
            if !GoUTF8.validRune(r) { r = 0xFFFD }
            if r < 0x10000 {
                out.append(0x5C)
                out.append(UInt8(ascii: "u"))
                for s in stride(from: 12, through: 0, by: -4) { out.append(hex[Int((r >> UInt32(s)) & 0xF)]) }
            } else {
                out.append(0x5C)
                out.append(UInt8(ascii: "U"))
                for s in stride(from: 28, through: 0, by: -4) { out.append(hex[Int((r >> UInt32(s)) & 0xF)]) }
            }
        }
    }

    /// Appends `b` (a Go string's bytes, possibly invalid UTF-8) quoted with `quote`.
    static func appendQuoted(
        _ b: UnsafeBufferPointer<UInt8>, quote: UInt8, asciiOnly: Bool,
        to out: inout [UInt8]
    ) {
        out.reserveCapacity(out.count + b.count + 2)
        out.append(quote)
        var i = 0
        let hex = GoFloatFormatter.lowerhex
        while i < b.count {
            let c = b[i]
            if c < 0x80 {
                // Fast path for printable ASCII that needs no escape.
                if c >= 0x20 && c < 0x7F && c != quote && c != 0x5C {
                    out.append(c)
                } else {
                    appendEscaped(UInt32(c), quote: quote, asciiOnly: asciiOnly, to: &out)
                }
                i += 1
                continue
            }
            let (r, w) = GoUTF8.decode(b, at: i)
            if w == 1 && r == GoUTF8.runeError {
                out.append(0x5C)
                out.append(UInt8(ascii: "x"))
                out.append(hex[Int(c >> 4)])
                out.append(hex[Int(c & 0xF)])
                i += 1
                continue
            }
            appendEscaped(r, quote: quote, asciiOnly: asciiOnly, to: &out)
            i += w
        }
        out.append(quote)
    }

    /// Appends a Swift string quoted as Go's strconv.Quote (or QuoteToASCII) would.
    static func appendQuoted(_ s: String, quote: UInt8 = 0x22, asciiOnly: Bool, to out: inout [UInt8]) {
        // Bytes that are not UTF-8 (GoByteString) are quoted as Go quotes them: `\xff`.
        if GoByteString.hasBytes(s) {
            GoByteString.bytes(s).withUnsafeBufferPointer { appendQuoted($0, quote: quote, asciiOnly: asciiOnly, to: &out) }
            return
        }
        var s = s
        s.withUTF8 { appendQuoted($0, quote: quote, asciiOnly: asciiOnly, to: &out) }
    }

    /// Appends a single-quoted rune literal (Go's AppendQuoteRune / AppendQuoteRuneToASCII).
    static func appendQuotedRune(_ rIn: UInt32, asciiOnly: Bool, to out: inout [UInt8]) {
        let r = GoUTF8.validRune(rIn) ? rIn : GoUTF8.runeError
        out.append(0x27)
        appendEscaped(r, quote: 0x27, asciiOnly: asciiOnly, to: &out)
        out.append(0x27)
    }

    /// Go's strconv.CanBackquote: no control characters other than tab, no backquote, valid UTF-8, no BOM.
    static func canBackquote(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < b.count {
            let (r, w) = GoUTF8.decode(b, at: i)
            i += w
            if w > 1 {
                if r == 0xFEFF { return false }
                continue
            }
            if r == GoUTF8.runeError { return false }
            if (r < 0x20 && r != 0x09) || r == 0x60 || r == 0x7F { return false }
        }
        return true
    }
}

extension GoStrconv {
    /// Go's `strconv.Quote`: a double-quoted Go string literal; non-printable runes are escaped with `\a`,
    /// `\n`, `\x..`, `\u....` or `\U........`.
    public static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        GoQuoting.appendQuoted(s, asciiOnly: false, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Go's `strconv.Quote` of a byte string that need not be valid UTF-8 (each invalid byte becomes `\xNN`).
    public static func quote(bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        bytes.withUnsafeBufferPointer { GoQuoting.appendQuoted($0, quote: 0x22, asciiOnly: false, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Go's `strconv.QuoteToASCII`: like `quote`, but every non-ASCII rune is escaped too.
    public static func quoteToASCII(_ s: String) -> String {
        var out: [UInt8] = []
        GoQuoting.appendQuoted(s, asciiOnly: true, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Go's `strconv.QuoteRune`: a single-quoted rune literal; an invalid code point becomes `'�'`.
    public static func quoteRune(_ r: Int) -> String {
        var out: [UInt8] = []
        let rune: UInt32 = (r < 0 || r > Int(UInt32.max)) ? GoUTF8.runeError : UInt32(r)
        GoQuoting.appendQuotedRune(rune, asciiOnly: false, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Go's `strconv.QuoteRuneToASCII`.
    public static func quoteRuneToASCII(_ r: Int) -> String {
        var out: [UInt8] = []
        let rune: UInt32 = (r < 0 || r > Int(UInt32.max)) ? GoUTF8.runeError : UInt32(r)
        GoQuoting.appendQuotedRune(rune, asciiOnly: true, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Go's `strconv.CanBackquote`: whether `s` can be written as a raw (backquoted) string literal.
    public static func canBackquote(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { GoQuoting.canBackquote($0) }
    }

    /// Go's `strconv.IsPrint` (Unicode 15.0 tables).
    public static func isPrint(_ r: Int) -> Bool {
        guard r >= 0 && r <= Int(GoUTF8.maxRune) else { return false }
        return GoQuoting.isPrint(UInt32(r))
    }
}
