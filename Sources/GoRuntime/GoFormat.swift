// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
// Go's fmt printing (Sprintf, Sprint, Sprintln) over `Value`, reproducing Go 1.25's output byte for byte:
// verbs, flags, width, precision, argument indexes, and the `%!verb(TYPE=VALUE)` error forms.

/// Go's `fmt` printing functions.
public enum GoFmt {
    /// Go's `fmt.Sprintf`: formats `args` according to the verbs in `format`.
    public static func sprintf(_ format: String, _ args: [Value]) -> String {
        var p = GoPrinter()
        p.doPrintf(format, args)
        return p.result
    }

    /// Go's `fmt.Sprint`: the operands' `%v` forms, with a space between two operands when neither is a string.
    public static func sprint(_ args: [Value]) -> String {
        if args.count == 1 { return args[0].goDescription }
        var p = GoPrinter()
        p.doPrint(args)
        return p.result
    }

    /// Fails when an operand holds a map that contains itself. Go's fmt recurses into such a value until the
    /// goroutine's stack overflows and the process dies; template functions that print (`print`, `printf`,
    /// `println`, `toString`) call this first and fail the template with a clear error instead. (The printer
    /// itself also stops at a cycle, so no caller can loop forever; it then prints a truncated text.)
    public static func checkPrintable(_ args: [Value]) throws(GoError) {
        for a in args where a.containsMap {
            if let t = ValueWalk.jsonCycleTypeName(a) {
                throw GoError(
                    "cannot print a value that contains itself (a \(t) holds a reference to itself; Go's fmt would "
                        + "recurse until its stack overflows)")
            }
        }
    }

    /// Go's `fmt.Sprintln`: the operands' `%v` forms separated by spaces, and a newline at the end.
    public static func sprintln(_ args: [Value]) -> String {
        var p = GoPrinter()
        p.doPrintln(args)
        return p.result
    }
}

/// Go's `strconv` number formatting.
public enum GoStrconv {
    /// Go's `strconv.FormatFloat(f, fmt, prec, bitSize)`.
    ///
    /// `fmt` is one of `b e E f g G x X`; `prec` is the number of digits (after the point for `e E f x X`,
    /// significant for `g G`), or -1 for the shortest representation that round-trips. `bitSize` is 64 or 32.
    /// An unknown format gives `%` followed by the format character, as Go does.
    public static func formatFloat(_ f: Double, _ fmt: Character, _ prec: Int, _ bitSize: Int = 64) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(24)
        let code = fmt.asciiValue ?? UInt8(ascii: "?")
        GoFloatFormatter.append(f, fmt: code, prec: prec, bitSize: bitSize == 32 ? 32 : 64, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Go's `strconv.FormatInt(i, base)` for bases 2 through 36 (lower-case digits, leading `-` when
    /// negative). Go panics on any other base; this returns the decimal form instead.
    public static func formatInt(_ i: Int, _ base: Int) -> String {
        guard (2...36).contains(base) else { return String(i) }
        return String(i, radix: base)
    }

    /// Go's `strconv.FormatUint(u, base)` for bases 2 through 36.
    public static func formatUint(_ u: UInt64, _ base: Int) -> String {
        guard (2...36).contains(base) else { return String(u) }
        return String(u, radix: base)
    }
}

extension Value {
    /// What fmt's `%v` prints for the value, which is also what text/template prints for it.
    public var goDescription: String {
        switch self {
        case .string(let s): return s
        case .int(let i, let k):
            switch k {
            case .int, .int64: return String(i)
            case .uint, .uint64, .uintptr: return String(UInt(bitPattern: i))
            default:
                let (u, signed) = goIntegerBits(i, k)
                return signed ? String(Int64(bitPattern: u)) : String(u)
            }
        case .float(let d): return GoFloatFormatter.shortestG(d)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "<nil>"
        default:
            var p = GoPrinter()
            p.printArg(self, UInt32(UInt8(ascii: "v")))
            return p.result
        }
    }

    /// The Go type name for error messages; `<nil>` for nil.
    var goTypeNameForPrint: String { goType?.name ?? "<nil>" }
}

/// The 64-bit pattern of an integer of the given kind (truncated to the kind's width, as a Go conversion
/// would) and whether the kind is signed.
@inline(__always)
func goIntegerBits(_ i: Int, _ k: IntKind) -> (bits: UInt64, signed: Bool) {
    switch k {
    case .int, .int64: return (UInt64(bitPattern: Int64(i)), true)
    case .int32: return (UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: i))), true)
    case .int16: return (UInt64(bitPattern: Int64(Int16(truncatingIfNeeded: i))), true)
    case .int8: return (UInt64(bitPattern: Int64(Int8(truncatingIfNeeded: i))), true)
    case .uint, .uint64, .uintptr: return (UInt64(bitPattern: Int64(i)), false)
    case .uint32: return (UInt64(UInt32(truncatingIfNeeded: i)), false)
    case .uint16: return (UInt64(UInt16(truncatingIfNeeded: i)), false)
    case .uint8: return (UInt64(UInt8(truncatingIfNeeded: i)), false)
    }
}

// MARK: - The printer

private let ascii_v = UInt32(UInt8(ascii: "v"))
private let ascii_T = UInt32(UInt8(ascii: "T"))
private let ascii_p = UInt32(UInt8(ascii: "p"))
private let ascii_s = UInt32(UInt8(ascii: "s"))
private let ascii_q = UInt32(UInt8(ascii: "q"))
private let ascii_x = UInt32(UInt8(ascii: "x"))
private let ascii_X = UInt32(UInt8(ascii: "X"))
private let ascii_d = UInt32(UInt8(ascii: "d"))

/// Flags, width and precision of the verb being formatted (Go's fmtFlags plus wid/prec).
struct GoFmtFlags {
    var widPresent = false
    var precPresent = false
    var minus = false
    var plus = false
    var sharp = false
    var space = false
    var zero = false
    // %+v and %#v: set instead of plus/sharp for the v verb.
    var plusV = false
    var sharpV = false
    var wid = 0
    var prec = 0
}

/// Go's `pp` printer state plus its `fmt` formatter, writing UTF-8 into a byte buffer.
struct GoPrinter {
    var buf: [UInt8] = []
    var f = GoFmtFlags()
    /// Set while printing a bad-verb description, so that String()/Error() are not consulted.
    var erroring = false
    var reordered = false
    var goodArgNum = true
    /// Set when a map or slice past `ValueWalk.cycleCheckDepth` turned out to hold itself (or the value nests
    /// past `ValueWalk.maxDepth`): printing stops there (see `GoFmt.checkPrintable`).
    var stopped = false

    init() {
        buf.reserveCapacity(64)
    }

    var result: String { String(decoding: buf, as: UTF8.self) }

    // MARK: Padding

    mutating func writePadding(_ n: Int) {
        guard n > 0 else { return }
        let padByte: UInt8 = f.zero && !f.minus ? UInt8(ascii: "0") : UInt8(ascii: " ")
        buf.append(contentsOf: repeatElement(padByte, count: n))
    }

    /// Pads the bytes written since `start` to the width, on the left (or the right with `-`).
    mutating func padFrom(_ start: Int) {
        guard f.widPresent && f.wid != 0 else { return }
        let runes = buf.withUnsafeBufferPointer { GoUTF8.runeCount(UnsafeBufferPointer(rebasing: $0[start...])) }
        let width = f.wid - runes
        guard width > 0 else { return }
        let padByte: UInt8 = f.zero && !f.minus ? UInt8(ascii: "0") : UInt8(ascii: " ")
        if f.minus {
            buf.append(contentsOf: repeatElement(padByte, count: width))
        } else {
            buf.insert(contentsOf: repeatElement(padByte, count: width), at: start)
        }
    }

    mutating func padString(_ s: String) {
        let start = buf.count
        buf.append(contentsOf: s.utf8)
        padFrom(start)
    }

    mutating func padBytes(_ b: some Sequence<UInt8>) {
        let start = buf.count
        buf.append(contentsOf: b)
        padFrom(start)
    }

    // MARK: Basic formatters (Go's format.go)

    mutating func fmtBoolean(_ v: Bool) {
        padString(v ? "true" : "false")
    }

    /// `%U`: "U+0078", or with `#` "U+0078 'x'" when printable.
    mutating func fmtUnicode(_ uIn: UInt64) {
        let start = buf.count
        var prec = 4
        if f.precPresent && f.prec > 4 { prec = f.prec }
        buf.append(UInt8(ascii: "U"))
        buf.append(UInt8(ascii: "+"))
        let digitsStart = buf.count
        var u = uIn
        repeat {
            buf.append(GoFloatFormatter.upperhex[Int(u & 0xF)])
            prec -= 1
            u >>= 4
        } while u != 0
        while prec > 0 {
            buf.append(UInt8(ascii: "0"))
            prec -= 1
        }
        buf[digitsStart...].reverse()
        if f.sharp && uIn <= UInt64(GoUTF8.maxRune) && GoQuoting.isPrint(UInt32(uIn)) {
            buf.append(UInt8(ascii: " "))
            buf.append(0x27)
            GoUTF8.append(UInt32(uIn), to: &buf)
            buf.append(0x27)
        }
        let oldZero = f.zero
        f.zero = false
        padFrom(start)
        f.zero = oldZero
    }

    /// Go's fmtInteger: base 2, 8, 10 or 16, with precision, zero padding, sign and `#` prefixes.
    mutating func fmtInteger(_ uIn: UInt64, base: UInt64, isSigned: Bool, verb: UInt32, upper: Bool) {
        var u = uIn
        let negative = isSigned && Int64(bitPattern: u) < 0
        if negative { u = 0 &- u }
        var prec = 0
        if f.precPresent {
            prec = f.prec
            if prec == 0 && u == 0 {
                let oldZero = f.zero
                f.zero = false
                writePadding(f.wid)
                f.zero = oldZero
                return
            }
        } else if f.zero && !f.minus && f.widPresent {
            prec = f.wid
            if negative || f.plus || f.space { prec -= 1 }
        }
        let digits = upper ? GoFloatFormatter.upperhex : GoFloatFormatter.lowerhex
        let start = buf.count
        // Written least significant first, then reversed.
        switch base {
        case 10:
            repeat {
                buf.append(UInt8(truncatingIfNeeded: u % 10) &+ 48)
                u /= 10
            } while u != 0
        case 16:
            repeat {
                buf.append(digits[Int(u & 0xF)])
                u >>= 4
            } while u != 0
        case 8:
            repeat {
                buf.append(UInt8(truncatingIfNeeded: u & 7) &+ 48)
                u >>= 3
            } while u != 0
        default:
            repeat {
                buf.append(UInt8(truncatingIfNeeded: u & 1) &+ 48)
                u >>= 1
            } while u != 0
        }
        while buf.count - start < prec { buf.append(UInt8(ascii: "0")) }
        if f.sharp {
            switch base {
            case 2:
                buf.append(UInt8(ascii: "b"))
                buf.append(UInt8(ascii: "0"))
            case 8:
                if buf[buf.count - 1] != UInt8(ascii: "0") { buf.append(UInt8(ascii: "0")) }
            case 16:
                buf.append(upper ? UInt8(ascii: "X") : UInt8(ascii: "x"))
                buf.append(UInt8(ascii: "0"))
            default:
                break
            }
        }
        if verb == UInt32(UInt8(ascii: "O")) {
            buf.append(UInt8(ascii: "o"))
            buf.append(UInt8(ascii: "0"))
        }
        if negative {
            buf.append(UInt8(ascii: "-"))
        } else if f.plus {
            buf.append(UInt8(ascii: "+"))
        } else if f.space {
            buf.append(UInt8(ascii: " "))
        }
        buf[start...].reverse()
        let oldZero = f.zero
        f.zero = false
        padFrom(start)
        f.zero = oldZero
    }

    /// Writes `s` truncated to the precision (in runes) and padded.
    mutating func fmtS(_ s: String) {
        guard f.precPresent else {
            padString(s)
            return
        }
        var n = f.prec
        var end = s.unicodeScalars.startIndex
        while end != s.unicodeScalars.endIndex && n > 0 {
            s.unicodeScalars.formIndex(after: &end)
            n -= 1
        }
        padString(String(s.unicodeScalars[..<end]))
    }

    /// Byte slices as strings: truncated to the precision in (Go-decoded) runes, then padded.
    mutating func fmtBs(_ b: [UInt8]) {
        var end = b.count
        if f.precPresent {
            end = b.withUnsafeBufferPointer { p in
                var n = f.prec
                var i = 0
                while i < p.count {
                    n -= 1
                    if n < 0 { return i }
                    i += GoUTF8.decode(p, at: i).width
                }
                return p.count
            }
        }
        padBytes(b[..<end])
    }

    /// `%x` / `%X` of a string or byte slice: two hex digits per byte, `% x` spaced, `%#x` prefixed.
    mutating func fmtSbx(_ b: UnsafeBufferPointer<UInt8>, upper: Bool) {
        var length = b.count
        if f.precPresent && f.prec < length { length = f.prec }
        var width = 2 * length
        if width > 0 {
            if f.space {
                if f.sharp { width *= 2 }
                width += length - 1
            } else if f.sharp {
                width += 2
            }
        } else {
            if f.widPresent { writePadding(f.wid) }
            return
        }
        if f.widPresent && f.wid > width && !f.minus { writePadding(f.wid - width) }
        let digits = upper ? GoFloatFormatter.upperhex : GoFloatFormatter.lowerhex
        let x = upper ? UInt8(ascii: "X") : UInt8(ascii: "x")
        if f.sharp {
            buf.append(UInt8(ascii: "0"))
            buf.append(x)
        }
        for i in 0..<length {
            if f.space && i > 0 {
                buf.append(UInt8(ascii: " "))
                if f.sharp {
                    buf.append(UInt8(ascii: "0"))
                    buf.append(x)
                }
            }
            let c = b[i]
            buf.append(digits[Int(c >> 4)])
            buf.append(digits[Int(c & 0xF)])
        }
        if f.widPresent && f.wid > width && f.minus { writePadding(f.wid - width) }
    }

    /// `%q` of a string: a double-quoted Go literal (`%+q` ASCII only, `%#q` backquoted when possible).
    mutating func fmtQ(_ bytes: UnsafeBufferPointer<UInt8>) {
        var b = bytes
        if f.precPresent {
            var n = f.prec
            var i = 0
            while i < b.count {
                n -= 1
                if n < 0 { break }
                i += GoUTF8.decode(b, at: i).width
            }
            b = UnsafeBufferPointer(rebasing: b[..<i])
        }
        let start = buf.count
        if f.sharp && GoQuoting.canBackquote(b) {
            buf.append(0x60)
            buf.append(contentsOf: b)
            buf.append(0x60)
        } else {
            GoQuoting.appendQuoted(b, quote: 0x22, asciiOnly: f.plus, to: &buf)
        }
        padFrom(start)
    }

    mutating func fmtQ(_ s: String) {
        // strconv.Quote sees the string's bytes: one that is not UTF-8 (GoByteString) is `\xff`.
        GoByteString.bytes(s).withUnsafeBufferPointer { fmtQ($0) }
    }

    /// `%c`: the character with the code point (U+FFFD when invalid).
    mutating func fmtC(_ c: UInt64) {
        let r = c > UInt64(GoUTF8.maxRune) ? GoUTF8.runeError : UInt32(c)
        let start = buf.count
        GoUTF8.append(r, to: &buf)
        padFrom(start)
    }

    /// `%q` of an integer: a single-quoted rune literal.
    mutating func fmtQc(_ c: UInt64) {
        let r = c > UInt64(GoUTF8.maxRune) ? GoUTF8.runeError : UInt32(c)
        let start = buf.count
        GoQuoting.appendQuotedRune(r, asciiOnly: f.plus, to: &buf)
        padFrom(start)
    }

    /// Go's fmt.fmtFloat: strconv formatting plus sign, `#`, zero padding and width.
    mutating func fmtFloat(_ v: Double, size: Int, verb: UInt8, prec defaultPrec: Int) {
        let prec = f.precPresent ? f.prec : defaultPrec
        if !f.plus && !f.space && !f.sharp && !f.widPresent {
            // Nothing to adjust: strconv's output is the result (including "+Inf").
            GoFloatFormatter.append(v, fmt: verb, prec: prec, bitSize: size, to: &buf)
            return
        }
        var num: [UInt8] = [UInt8(ascii: "+")]
        num.reserveCapacity(32)
        GoFloatFormatter.append(v, fmt: verb, prec: prec, bitSize: size, to: &num)
        if num[1] == UInt8(ascii: "-") || num[1] == UInt8(ascii: "+") {
            num.removeFirst()
        }
        if f.space && num[0] == UInt8(ascii: "+") && !f.plus {
            num[0] = UInt8(ascii: " ")
        }
        if num[1] == UInt8(ascii: "I") || num[1] == UInt8(ascii: "N") {
            let oldZero = f.zero
            f.zero = false
            if num[1] == UInt8(ascii: "N") && !f.space && !f.plus {
                num.removeFirst()
            }
            padBytes(num)
            f.zero = oldZero
            return
        }
        if f.sharp && verb != UInt8(ascii: "b") {
            var digits = 0
            switch verb {
            case UInt8(ascii: "v"), UInt8(ascii: "g"), UInt8(ascii: "G"), UInt8(ascii: "x"):
                digits = prec
                if digits == -1 { digits = 6 }
            default:
                break
            }
            var tail: [UInt8] = []
            var hasDecimalPoint = false
            var sawNonzeroDigit = false
            var i = 1
            while i < num.count {
                let c = num[i]
                var isExponent = false
                switch c {
                case UInt8(ascii: "."):
                    hasDecimalPoint = true
                case UInt8(ascii: "p"), UInt8(ascii: "P"):
                    isExponent = true
                case UInt8(ascii: "e"), UInt8(ascii: "E"):
                    isExponent = verb != UInt8(ascii: "x") && verb != UInt8(ascii: "X")
                    if !isExponent {
                        sawNonzeroDigit = true
                        digits -= 1
                    }
                default:
                    if c != UInt8(ascii: "0") { sawNonzeroDigit = true }
                    if sawNonzeroDigit { digits -= 1 }
                }
                if isExponent {
                    tail.append(contentsOf: num[i...])
                    num.removeSubrange(i...)
                    break
                }
                i += 1
            }
            if !hasDecimalPoint {
                if num.count == 2 && num[1] == UInt8(ascii: "0") { digits -= 1 }
                num.append(UInt8(ascii: "."))
            }
            while digits > 0 {
                num.append(UInt8(ascii: "0"))
                digits -= 1
            }
            num.append(contentsOf: tail)
        }
        if f.plus || num[0] != UInt8(ascii: "+") {
            if f.zero && !f.minus && f.widPresent && f.wid > num.count {
                buf.append(num[0])
                writePadding(f.wid - num.count)
                buf.append(contentsOf: num[1...])
                return
            }
            padBytes(num)
            return
        }
        padBytes(num[1...])
    }

    // MARK: Verb dispatch (Go's print.go)

    mutating func badVerb(_ arg: Value, _ verb: UInt32) {
        erroring = true
        buf.append(UInt8(ascii: "%"))
        buf.append(UInt8(ascii: "!"))
        GoUTF8.append(verb, to: &buf)
        buf.append(UInt8(ascii: "("))
        printTypeAndValue(arg)
        buf.append(UInt8(ascii: ")"))
        erroring = false
    }

    /// `TYPE=VALUE` (`<nil>` for nil), as bad verbs and extra arguments print their operand.
    mutating func printTypeAndValue(_ arg: Value) {
        if case .null = arg {
            buf.append(contentsOf: "<nil>".utf8)
        } else {
            buf.append(contentsOf: arg.goTypeNameForPrint.utf8)
            buf.append(UInt8(ascii: "="))
            printArg(arg, ascii_v)
        }
    }

    mutating func fmtBool(_ v: Bool, _ verb: UInt32, _ arg: Value) {
        switch verb {
        case UInt32(UInt8(ascii: "t")), ascii_v: fmtBoolean(v)
        default: badVerb(arg, verb)
        }
    }

    /// Hexadecimal with or without a leading 0x, regardless of the sharp flag.
    mutating func fmt0x64(_ v: UInt64, leading0x: Bool) {
        let sharp = f.sharp
        f.sharp = leading0x
        fmtInteger(v, base: 16, isSigned: false, verb: ascii_v, upper: false)
        f.sharp = sharp
    }

    mutating func fmtIntegerVerb(_ v: UInt64, isSigned: Bool, _ verb: UInt32, _ arg: Value) {
        switch verb {
        case ascii_v:
            if f.sharpV && !isSigned {
                fmt0x64(v, leading0x: true)
            } else {
                fmtInteger(v, base: 10, isSigned: isSigned, verb: verb, upper: false)
            }
        case ascii_d: fmtInteger(v, base: 10, isSigned: isSigned, verb: verb, upper: false)
        case UInt32(UInt8(ascii: "b")): fmtInteger(v, base: 2, isSigned: isSigned, verb: verb, upper: false)
        case UInt32(UInt8(ascii: "o")), UInt32(UInt8(ascii: "O")):
            fmtInteger(v, base: 8, isSigned: isSigned, verb: verb, upper: false)
        case ascii_x: fmtInteger(v, base: 16, isSigned: isSigned, verb: verb, upper: false)
        case ascii_X: fmtInteger(v, base: 16, isSigned: isSigned, verb: verb, upper: true)
        case UInt32(UInt8(ascii: "c")): fmtC(v)
        case ascii_q: fmtQc(v)
        case UInt32(UInt8(ascii: "U")): fmtUnicode(v)
        default: badVerb(arg, verb)
        }
    }

    mutating func fmtFloatVerb(_ v: Double, size: Int, _ verb: UInt32, _ arg: Value) {
        switch verb {
        case ascii_v:
            fmtFloat(v, size: size, verb: UInt8(ascii: "g"), prec: -1)
        case UInt32(UInt8(ascii: "b")), UInt32(UInt8(ascii: "g")), UInt32(UInt8(ascii: "G")), ascii_x, ascii_X:
            fmtFloat(v, size: size, verb: UInt8(verb), prec: -1)
        case UInt32(UInt8(ascii: "f")), UInt32(UInt8(ascii: "e")), UInt32(UInt8(ascii: "E")):
            fmtFloat(v, size: size, verb: UInt8(verb), prec: 6)
        case UInt32(UInt8(ascii: "F")):
            fmtFloat(v, size: size, verb: UInt8(ascii: "f"), prec: 6)
        default:
            badVerb(arg, verb)
        }
    }

    mutating func fmtString(_ v: String, _ verb: UInt32, _ arg: Value) {
        switch verb {
        case ascii_v:
            if f.sharpV { fmtQ(v) } else { fmtS(v) }
        case ascii_s: fmtS(v)
        case ascii_x, ascii_X:
            // fmt works on the string's bytes, those that are not UTF-8 included (GoByteString).
            GoByteString.bytes(v).withUnsafeBufferPointer { fmtSbx($0, upper: verb == ascii_X) }
        case ascii_q: fmtQ(v)
        default: badVerb(arg, verb)
        }
    }

    mutating func fmtBytes(_ v: [UInt8], _ verb: UInt32, typeString: String, depth: Int) {
        switch verb {
        case ascii_v, ascii_d:
            if f.sharpV {
                buf.append(contentsOf: typeString.utf8)
                buf.append(UInt8(ascii: "{"))
                for (i, c) in v.enumerated() {
                    if i > 0 {
                        buf.append(UInt8(ascii: ","))
                        buf.append(UInt8(ascii: " "))
                    }
                    fmt0x64(UInt64(c), leading0x: true)
                }
                buf.append(UInt8(ascii: "}"))
            } else {
                buf.append(UInt8(ascii: "["))
                for (i, c) in v.enumerated() {
                    if i > 0 { buf.append(UInt8(ascii: " ")) }
                    fmtInteger(UInt64(c), base: 10, isSigned: false, verb: verb, upper: false)
                }
                buf.append(UInt8(ascii: "]"))
            }
        case ascii_s: fmtBs(v)
        case ascii_x, ascii_X: v.withUnsafeBufferPointer { fmtSbx($0, upper: verb == ascii_X) }
        case ascii_q: v.withUnsafeBufferPointer { fmtQ($0) }
        default:
            printByteSliceElements(v, verb, typeName: "[]uint8", depth: 0)
        }
    }

    /// A byte slice printed element by element (verbs other than v d s q x X).
    mutating func printByteSliceElements(_ v: [UInt8], _ verb: UInt32, typeName: String, depth: Int) {
        let items = v.map { Value.int(Int($0), .uint8) }
        printSliceElements(items, verb, typeName: typeName, depth: depth)
    }

    /// `%p` and pointer-ish values. Go prints machine addresses here; a fixed stand-in is used.
    mutating func fmtPointer(_ value: Value, _ verb: UInt32) {
        var u: UInt64
        switch value {
        case .slice, .map, .bytes:
            u = 0xc000010000
        case .object(let o):
            guard o.kind == .pointer || o.isNilPointer else {
                badVerb(value, verb)
                return
            }
            u = o.isNilPointer ? 0 : 0xc000010000
        default:
            badVerb(value, verb)
            return
        }
        switch verb {
        case ascii_v:
            if f.sharpV {
                buf.append(UInt8(ascii: "("))
                buf.append(contentsOf: value.goTypeNameForPrint.utf8)
                buf.append(contentsOf: ")(".utf8)
                if u == 0 { buf.append(contentsOf: "nil".utf8) } else { fmt0x64(u, leading0x: true) }
                buf.append(UInt8(ascii: ")"))
            } else if u == 0 {
                padString("<nil>")
            } else {
                fmt0x64(u, leading0x: !f.sharp)
            }
        case ascii_p:
            fmt0x64(u, leading0x: !f.sharp)
        case UInt32(UInt8(ascii: "b")), UInt32(UInt8(ascii: "o")), ascii_d, ascii_x, ascii_X:
            fmtIntegerVerb(u, isSigned: false, verb, value)
        default:
            badVerb(value, verb)
        }
    }

    /// Error() and String() methods, for the verbs that accept a string (not under `%#v`).
    mutating func handleMethods(_ arg: Value, _ verb: UInt32) -> Bool {
        if erroring { return false }
        if verb == UInt32(UInt8(ascii: "w")) {
            // %w is only valid in fmt.Errorf: every operand that reaches here is a bad verb.
            if case .null = arg {
                // A nil interface{} element: Go describes it by its static type.
                buf.append(contentsOf: "%!w(interface {}=".utf8)
                buf.append(contentsOf: (f.sharpV ? "interface {}(nil)" : "<nil>").utf8)
                buf.append(UInt8(ascii: ")"))
            } else {
                badVerb(arg, verb)
            }
            return true
        }
        // Go's handleMethods: with %#v, a GoStringer's GoString() is printed as is (padded, no quoting).
        if f.sharpV, case .object(let o) = arg, let g = o.goStringer {
            fmtS(g)
            return true
        }
        guard case .object(let o) = arg, !f.sharpV else { return false }
        switch verb {
        case ascii_v, ascii_s, ascii_x, ascii_X, ascii_q:
            if let e = o.errorText {
                fmtString(e, verb, arg)
                return true
            }
            if let s = o.stringer {
                fmtString(s, verb, arg)
                return true
            }
            return false
        default:
            return false
        }
    }

    /// Go's printArg: one operand at the top level.
    mutating func printArg(_ arg: Value, _ verb: UInt32) {
        switch arg {
        case .null:
            switch verb {
            case ascii_T, ascii_v: padString("<nil>")
            default: badVerb(arg, verb)
            }
            return
        default:
            break
        }
        if verb == ascii_T {
            fmtS(arg.goTypeNameForPrint)
            return
        }
        if verb == ascii_p {
            fmtPointer(arg, ascii_p)
            return
        }
        switch arg {
        case .bool(let b): fmtBool(b, verb, arg)
        case .int(let i, let k):
            let (u, signed) = goIntegerBits(i, k)
            fmtIntegerVerb(u, isSigned: signed, verb, arg)
        case .float(let d): fmtFloatVerb(d, size: 64, verb, arg)
        case .string(let s): fmtString(s, verb, arg)
        case .bytes(let b): fmtBytes(b, verb, typeString: "[]byte", depth: 0)
        case .object, .slice, .map, .null:
            // Not a basic type: it may have methods (and %w is checked there).
            if !handleMethods(arg, verb) { printValue(arg, verb, depth: 0) }
        }
    }

    /// Go's printValue: values reached through reflection (elements, map entries, fields).
    mutating func printValue(_ value: Value, _ verb: UInt32, depth: Int) {
        if stopped { return }
        if depth >= ValueWalk.cycleCheckDepth, value.containsMap, depth >= ValueWalk.maxDepth || ValueWalk.hasCycle(value) {
            stopped = true
            return
        }
        if depth > 0 && handleMethods(value, verb) { return }
        switch value {
        case .null:
            // A nil interface{} inside a container or struct.
            if f.sharpV {
                buf.append(contentsOf: "interface {}(nil)".utf8)
            } else {
                buf.append(contentsOf: "<nil>".utf8)
            }
        case .bool(let b): fmtBool(b, verb, value)
        case .int(let i, let k):
            let (u, signed) = goIntegerBits(i, k)
            fmtIntegerVerb(u, isSigned: signed, verb, value)
        case .float(let d): fmtFloatVerb(d, size: 64, verb, value)
        case .string(let s): fmtString(s, verb, value)
        case .bytes(let b):
            switch verb {
            case ascii_s, ascii_q, ascii_x, ascii_X:
                fmtBytes(b, verb, typeString: "[]uint8", depth: depth)
            default:
                printByteSliceElements(b, verb, typeName: "[]uint8", depth: depth)
            }
        case .slice(let items, let type):
            switch verb {
            case ascii_s, ascii_q, ascii_x, ascii_X:
                if case .int(.uint8)? = type.elementType?.underlying {
                    let bytes = items.map { v -> UInt8 in
                        if case .int(let i, _) = v { return UInt8(truncatingIfNeeded: i) }
                        return 0
                    }
                    fmtBytes(bytes, verb, typeString: type.name, depth: depth)
                    return
                }
            default:
                break
            }
            // fmt's printValue: `%#v` of a nil slice or map is its type and "(nil)".
            if f.sharpV && items.isEmpty && type.isNilSlice {
                buf.append(contentsOf: (type.name + "(nil)").utf8)
                return
            }
            printSliceElements(items, verb, typeName: type.name, depth: depth)
        case .map(let entries, let type):
            if f.sharpV && entries.isNil {
                buf.append(contentsOf: (type.name + "(nil)").utf8)
                return
            }
            if f.sharpV {
                buf.append(contentsOf: type.name.utf8)
                buf.append(UInt8(ascii: "{"))
            } else {
                buf.append(contentsOf: "map[".utf8)
            }
            let keys = entries.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (i, key) in keys.enumerated() {
                if i > 0 {
                    if f.sharpV {
                        buf.append(UInt8(ascii: ","))
                        buf.append(UInt8(ascii: " "))
                    } else {
                        buf.append(UInt8(ascii: " "))
                    }
                }
                printValue(.string(key), verb, depth: depth + 1)
                buf.append(UInt8(ascii: ":"))
                printValue(entries[key] ?? .null, verb, depth: depth + 1)
            }
            buf.append(f.sharpV ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        case .object(let o):
            if o.isNilPointer {
                fmtPointer(value, verb)
            } else if o.kind == .pointer {
                if depth == 0 {
                    buf.append(UInt8(ascii: "&"))
                    printStruct(o, verb, depth: depth + 1)
                } else {
                    fmtPointer(value, verb)
                }
            } else {
                printStruct(o, verb, depth: depth)
            }
        }
    }

    mutating func printSliceElements(_ items: [Value], _ verb: UInt32, typeName: String, depth: Int) {
        if f.sharpV {
            buf.append(contentsOf: typeName.utf8)
            buf.append(UInt8(ascii: "{"))
            for (i, item) in items.enumerated() {
                if i > 0 {
                    buf.append(UInt8(ascii: ","))
                    buf.append(UInt8(ascii: " "))
                }
                printValue(item, verb, depth: depth + 1)
            }
            buf.append(UInt8(ascii: "}"))
        } else {
            buf.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { buf.append(UInt8(ascii: " ")) }
                printValue(item, verb, depth: depth + 1)
            }
            buf.append(UInt8(ascii: "]"))
        }
    }

    mutating func printStruct(_ o: any GoObject, _ verb: UInt32, depth: Int) {
        if f.sharpV {
            var name = Substring(o.goTypeName)
            if o.kind == .pointer && name.hasPrefix("*") { name = name.dropFirst() }
            buf.append(contentsOf: name.utf8)
        }
        buf.append(UInt8(ascii: "{"))
        for (i, field) in o.fields.enumerated() {
            if i > 0 {
                if f.sharpV {
                    buf.append(UInt8(ascii: ","))
                    buf.append(UInt8(ascii: " "))
                } else {
                    buf.append(UInt8(ascii: " "))
                }
            }
            if (f.plusV || f.sharpV) && !field.name.isEmpty {
                buf.append(contentsOf: field.name.utf8)
                buf.append(UInt8(ascii: ":"))
            }
            printValue(field.value, verb, depth: depth + 1)
        }
        buf.append(UInt8(ascii: "}"))
    }

    // MARK: Printf

    /// Go's tooLarge: widths and precisions are limited to ±1e6.
    @inline(__always)
    static func tooLarge(_ x: Int) -> Bool { x > 1_000_000 || x < -1_000_000 }

    /// Go's parsenum: digits at `start`; on overflow the whole rest of the format is consumed.
    static func parsenum(_ s: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (num: Int, isnum: Bool, newi: Int) {
        if start >= end { return (0, false, end) }
        var num = 0
        var isnum = false
        var newi = start
        while newi < end && s[newi] >= 48 && s[newi] <= 57 {
            if tooLarge(num) { return (0, false, end) }
            num = num * 10 + Int(s[newi] - 48)
            isnum = true
            newi += 1
        }
        return (num, isnum, newi)
    }

    /// Go's intFromArg: an int operand for `*` width or precision.
    static func intFromArg(_ a: [Value], _ argNum: Int) -> (num: Int, isInt: Bool, newArgNum: Int) {
        var newArgNum = argNum
        var num = 0
        var isInt = false
        if argNum < a.count {
            if case .int(let i, let k) = a[argNum] {
                let (u, signed) = goIntegerBits(i, k)
                if signed {
                    num = Int(Int64(bitPattern: u))
                    isInt = true
                } else if u <= UInt64(Int.max) {
                    num = Int(u)
                    isInt = true
                }
            }
            newArgNum = argNum + 1
            if tooLarge(num) {
                num = 0
                isInt = false
            }
        }
        return (num, isInt, newArgNum)
    }

    /// Go's parseArgNumber: `[n]` at the start of `s[i...]`; returns index (zero-based), bytes consumed, ok.
    static func parseArgNumber(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> (index: Int, wid: Int, ok: Bool) {
        let len = s.count - i
        if len < 3 { return (0, 1, false) }
        var j = 1
        while j < len {
            if s[i + j] == UInt8(ascii: "]") {
                let (width, ok, newi) = parsenum(s, i + 1, i + j)
                if !ok || newi != i + j { return (0, j + 1, false) }
                return (width - 1, j + 1, true)
            }
            j += 1
        }
        return (0, 1, false)
    }

    mutating func argNumber(_ argNum: Int, _ s: UnsafeBufferPointer<UInt8>, _ i: Int, _ numArgs: Int)
        -> (newArgNum: Int, newi: Int, found: Bool)
    {
        if s.count <= i || s[i] != UInt8(ascii: "[") { return (argNum, i, false) }
        reordered = true
        let (index, wid, ok) = GoPrinter.parseArgNumber(s, i)
        if ok && index >= 0 && index < numArgs { return (index, i + wid, true) }
        goodArgNum = false
        return (argNum, i + wid, ok)
    }

    mutating func doPrintf(_ format: String, _ a: [Value]) {
        var format = format
        format.withUTF8 { doPrintf($0, a) }
    }

    mutating func doPrintf(_ s: UnsafeBufferPointer<UInt8>, _ a: [Value]) {
        let end = s.count
        var argNum = 0
        var afterIndex = false
        reordered = false
        var i = 0
        formatLoop: while i < end {
            goodArgNum = true
            let lasti = i
            while i < end && s[i] != UInt8(ascii: "%") { i += 1 }
            if i > lasti { buf.append(contentsOf: UnsafeBufferPointer(rebasing: s[lasti..<i])) }
            if i >= end { break }
            i += 1  // skip %
            f = GoFmtFlags()
            simpleFormat: while i < end {
                let c = s[i]
                switch c {
                case UInt8(ascii: "#"): f.sharp = true
                case UInt8(ascii: "0"): f.zero = true
                case UInt8(ascii: "+"): f.plus = true
                case UInt8(ascii: "-"): f.minus = true
                case UInt8(ascii: " "): f.space = true
                default:
                    // Fast path: flags then a lower-case ASCII verb, no width, precision or index.
                    if c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z") && argNum < a.count {
                        if c == UInt8(ascii: "v") || c == UInt8(ascii: "w") {
                            f.sharpV = f.sharp
                            f.sharp = false
                            f.plusV = f.plus
                            f.plus = false
                        }
                        printArg(a[argNum], UInt32(c))
                        argNum += 1
                        i += 1
                        continue formatLoop
                    }
                    break simpleFormat
                }
                i += 1
            }

            // Argument index?
            (argNum, i, afterIndex) = argNumber(argNum, s, i, a.count)

            // Width?
            if i < end && s[i] == UInt8(ascii: "*") {
                i += 1
                (f.wid, f.widPresent, argNum) = GoPrinter.intFromArg(a, argNum)
                if !f.widPresent { buf.append(contentsOf: "%!(BADWIDTH)".utf8) }
                if f.wid < 0 {
                    f.wid = -f.wid
                    f.minus = true
                    f.zero = false
                }
                afterIndex = false
            } else {
                (f.wid, f.widPresent, i) = GoPrinter.parsenum(s, i, end)
                if afterIndex && f.widPresent { goodArgNum = false }  // "%[3]2d"
            }

            // Precision?
            if i + 1 < end && s[i] == UInt8(ascii: ".") {
                i += 1
                if afterIndex { goodArgNum = false }  // "%[3].2d"
                (argNum, i, afterIndex) = argNumber(argNum, s, i, a.count)
                if i < end && s[i] == UInt8(ascii: "*") {
                    i += 1
                    (f.prec, f.precPresent, argNum) = GoPrinter.intFromArg(a, argNum)
                    if f.prec < 0 {
                        f.prec = 0
                        f.precPresent = false
                    }
                    if !f.precPresent { buf.append(contentsOf: "%!(BADPREC)".utf8) }
                    afterIndex = false
                } else {
                    (f.prec, f.precPresent, i) = GoPrinter.parsenum(s, i, end)
                    if !f.precPresent {
                        f.prec = 0
                        f.precPresent = true
                    }
                }
            }

            if !afterIndex {
                (argNum, i, afterIndex) = argNumber(argNum, s, i, a.count)
            }

            if i >= end {
                buf.append(contentsOf: "%!(NOVERB)".utf8)
                break
            }

            let verb: UInt32
            if s[i] < 0x80 {
                verb = UInt32(s[i])
                i += 1
            } else {
                let (r, w) = GoUTF8.decode(s, at: i)
                verb = r
                i += w
            }

            if verb == UInt32(UInt8(ascii: "%")) {
                buf.append(UInt8(ascii: "%"))  // consumes no operand; ignores width and precision
            } else if !goodArgNum {
                buf.append(contentsOf: "%!".utf8)
                GoUTF8.append(verb, to: &buf)
                buf.append(contentsOf: "(BADINDEX)".utf8)
            } else if argNum >= a.count {
                buf.append(contentsOf: "%!".utf8)
                GoUTF8.append(verb, to: &buf)
                buf.append(contentsOf: "(MISSING)".utf8)
            } else {
                if verb == ascii_v || verb == UInt32(UInt8(ascii: "w")) {
                    f.sharpV = f.sharp
                    f.sharp = false
                    f.plusV = f.plus
                    f.plus = false
                }
                printArg(a[argNum], verb)
                argNum += 1
            }
        }

        // Extra operands, unless the format reordered them.
        if !reordered && argNum < a.count {
            f = GoFmtFlags()
            buf.append(contentsOf: "%!(EXTRA ".utf8)
            for (k, arg) in a[argNum...].enumerated() {
                if k > 0 {
                    buf.append(UInt8(ascii: ","))
                    buf.append(UInt8(ascii: " "))
                }
                printTypeAndValue(arg)
            }
            buf.append(UInt8(ascii: ")"))
        }
    }

    // MARK: Print / Println

    mutating func doPrint(_ a: [Value]) {
        var prevString = false
        for (argNum, arg) in a.enumerated() {
            let isString: Bool
            if case .string = arg { isString = true } else { isString = false }
            if argNum > 0 && !isString && !prevString { buf.append(UInt8(ascii: " ")) }
            appendV(arg)
            prevString = isString
        }
    }

    mutating func doPrintln(_ a: [Value]) {
        for (argNum, arg) in a.enumerated() {
            if argNum > 0 { buf.append(UInt8(ascii: " ")) }
            appendV(arg)
        }
        buf.append(UInt8(ascii: "\n"))
    }

    /// `%v` of an operand with no flags.
    @inline(__always)
    mutating func appendV(_ arg: Value) {
        switch arg {
        case .string(let s): buf.append(contentsOf: s.utf8)
        default: printArg(arg, ascii_v)
        }
    }
}
