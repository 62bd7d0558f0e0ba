/// The few pieces of Go's `strconv` and `fmt` that the loader's error messages and key strings need.
enum GoFormat {
    /// `strconv.FormatFloat(f, 'g', -1, 64)`, or with `bitSize` 32 the float32 rounding of `f`
    /// (sigs.k8s.io/yaml formats float map keys with bitSize 32: `1.1:` becomes the key `"1.1"`, `0.1234567891:` → `"0.12345679"`).
    static func formatFloat(_ f: Double, bitSize32: Bool = false) -> String {
        if f.isNaN { return "NaN" }
        if f.isInfinite { return f < 0 ? "-Inf" : "+Inf" }
        // Swift's description prints the shortest digits that round-trip, as Go's shortest formatting does.
        let desc: String
        if bitSize32 {
            let g = Float(f)
            if g.isInfinite { return g < 0 ? "-Inf" : "+Inf" }
            desc = g.description
        } else {
            desc = f.description
        }
        var (neg, digits, dp) = decimalDigits(desc)
        if f == 0 { neg = f.sign == .minus }
        return formatShortestG(neg: neg, digits: digits, dp: dp)
    }

    /// Splits a Swift float description (`-1.25e-05`, `123.0`, `5e-324`) into sign, significant digits
    /// (no leading or trailing zeros) and the decimal point position (value = 0.DIGITS × 10^dp).
    private static func decimalDigits(_ desc: String) -> (Bool, [UInt8], Int) {
        var bytes = Array(desc.utf8)
        var neg = false
        if bytes.first == UInt8(ascii: "-") { neg = true; bytes.removeFirst() }
        var exp = 0
        if let e = bytes.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            var sign = 1
            var i = e + 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") { sign = -1; i += 1 } else if i < bytes.count, bytes[i] == UInt8(ascii: "+") { i += 1 }
            while i < bytes.count { exp = exp * 10 + Int(bytes[i] - 48); i += 1 }
            exp *= sign
            bytes.removeSubrange(e...)
        }
        var digits: [UInt8] = []
        var intLen = 0
        var seenPoint = false
        for b in bytes {
            if b == UInt8(ascii: ".") { seenPoint = true; continue }
            digits.append(b - 48)
            if !seenPoint { intLen += 1 }
        }
        var dp = intLen + exp
        var start = 0
        while start < digits.count, digits[start] == 0 { start += 1; dp -= 1 }
        var end = digits.count
        while end > start, digits[end - 1] == 0 { end -= 1 }
        if start == end { return (neg, [], 0) }
        return (neg, Array(digits[start..<end]), dp)
    }

    /// Go's `%g` with shortest precision: `%e` when the exponent is < -4 or >= 6 (the threshold Go uses for
    /// shortest formatting), `%f` otherwise.
    private static func formatShortestG(neg: Bool, digits: [UInt8], dp: Int) -> String {
        var out = neg ? "-" : ""
        let nd = digits.count
        let exp = dp - 1
        if nd > 0 && (exp < -4 || exp >= 6) {
            out.append(Character(Unicode.Scalar(digits[0] + 48)))
            if nd > 1 {
                out.append(".")
                for d in digits[1...] { out.append(Character(Unicode.Scalar(d + 48))) }
            }
            out.append(exp < 0 ? "e-" : "e+")
            let a = abs(exp)
            if a < 10 { out.append("0") }
            out.append(String(a))
            return out
        }
        // %f with max(nd-dp, 0) decimals.
        if dp > 0 {
            for i in 0..<dp { out.append(i < nd ? Character(Unicode.Scalar(digits[i] + 48)) : "0") }
        } else {
            out.append("0")
        }
        let prec = max(nd - dp, 0)
        if prec > 0 {
            out.append(".")
            for i in 0..<prec {
                let j = dp + i
                out.append(j >= 0 && j < nd ? Character(Unicode.Scalar(digits[j] + 48)) : "0")
            }
        }
        return out
    }

    /// `strconv.Quote`: Go-escaped double-quoted string. Printability follows Unicode general categories
    /// (letters, marks, numbers, punctuation, symbols and U+0020), an approximation of Go's `unicode.IsPrint`.
    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0B}": out += "\\v"
            default:
                if isPrint(u) {
                    out.unicodeScalars.append(u)
                } else if u.value < 0x80 {
                    out += "\\x" + hex(u.value, width: 2)
                } else if u.value < 0x10000 {
                    out += "\\u" + hex(u.value, width: 4)
                } else {
                    out += "\\U" + hex(u.value, width: 8)
                }
            }
        }
        return out + "\""
    }

    private static func isPrint(_ u: Unicode.Scalar) -> Bool {
        if u.value < 0x80 { return u.value >= 0x20 && u.value < 0x7F }
        switch u.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    private static func hex(_ v: UInt32, width: Int) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// `%#v` (and `%+#v`, identical for these types) of a go-yaml decoded value.
    /// `nested` is true inside a slice or map, where a nil interface prints as `interface {}(nil)`.
    static func goSyntax(_ v: GoValue, nested: Bool = false) -> String {
        switch v {
        case .null: return nested ? "interface {}(nil)" : "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return "0x" + String(u, radix: 16)
        case .float(let f): return formatFloat(f)
        case .string(let s): return quote(s)
        case .seq(let items):
            return "[]interface {}{" + items.map { goSyntax($0, nested: true) }.joined(separator: ", ") + "}"
        case .map(let m):
            // fmt prints maps with sorted keys (internal/fmtsort). Keys of different dynamic types are ordered
            // by type identity in Go, which is not reproducible; we order nil < bool < int < uint64 < float64 < string.
            let order = (0..<m.count).sorted { keyLess(m.keys[$0], m.keys[$1]) }
            let parts = order.map { goSyntax(m.keys[$0], nested: true) + ":" + goSyntax(m.values[$0], nested: true) }
            return "map[interface {}]interface {}{" + parts.joined(separator: ", ") + "}"
        }
    }

    /// `%s` of `reflect.TypeOf(k)` for a go-yaml map key.
    static func typeName(_ v: GoValue) -> String {
        switch v {
        case .null: return "%!s(<nil>)"
        case .bool: return "bool"
        case .int: return "int"
        case .uint: return "uint64"
        case .float: return "float64"
        case .string: return "string"
        case .seq: return "[]interface {}"
        case .map: return "map[interface {}]interface {}"
        }
    }

    private static func rank(_ v: GoValue) -> Int {
        switch v {
        case .null: return 0
        case .bool: return 1
        case .int: return 2
        case .uint: return 3
        case .float: return 4
        case .string: return 5
        case .seq: return 6
        case .map: return 7
        }
    }

    private static func keyLess(_ a: GoValue, _ b: GoValue) -> Bool {
        switch (a, b) {
        case (.bool(let x), .bool(let y)): return !x && y
        case (.int(let x), .int(let y)): return x < y
        case (.uint(let x), .uint(let y)): return x < y
        case (.float(let x), .float(let y)): return x < y || (x.isNaN && !y.isNaN)
        case (.string(let x), .string(let y)): return x.utf8.lexicographicallyPrecedes(y.utf8)
        default: return rank(a) < rank(b)
        }
    }
}
