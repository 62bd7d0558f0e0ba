// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime

extension GoTOML {
    /// `toml.Unmarshal(text, &m)` with `m map[string]interface{}`: integers `int64`, floats `float64`, tables
    /// `map[string]interface{}`, arrays `[]interface{}`, arrays of tables `[]map[string]interface{}`.
    /// Errors read as BurntSushi's `ParseError` (`toml: line 1 (last key "a"): expected value but found '='
    /// instead`). Dates and times become what `dateTime` makes of them (`fromToml` makes Go `time.Time`
    /// values, as BurntSushi does); by default their text.
    public static func decode(
        _ text: String, dateTime: @escaping (TOMLDateTime) -> Value = { .string($0.text) }
    ) throws(GoError) -> [String: Value] {
        var p = TOMLParser(Array(text.utf8), dateTime: dateTime)
        return try p.document()
    }
}

/// A TOML date, time or date-time, as BurntSushi/toml reads it into a Go `time.Time`: the first of its layouts
/// that `time.ParseInLocation` accepts (RFC 3339 with fractional seconds, then a local date-time, a local
/// date, a local time, then TOML 1.1's forms without seconds), with Go's range checks.
public struct TOMLDateTime: Sendable, Hashable {
    /// Where the time is: a UTC `Z`, a numeric offset (seconds east; Go keeps it as the local zone when that
    /// zone has the same offset then, else as an unnamed fixed zone), or one of BurntSushi's local zones —
    /// fixed zones at offset 0 named `datetime-local`, `date-local` and `time-local`.
    public enum Zone: Sendable, Hashable {
        case utc
        case offset(Int)
        case localDateTime, localDate, localTime

        /// The name of BurntSushi's zone for a local form.
        public var localName: String? {
            switch self {
            case .localDateTime: "datetime-local"
            case .localDate: "date-local"
            case .localTime: "time-local"
            default: nil
            }
        }
    }

    /// The civil fields (a local time is on January 1 of year 0, as Go parses a layout without a date).
    public var year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0, nanosecond = 0
    public var zone: Zone
    /// The text as BurntSushi parses it (` `, `t` and `z` replaced by `T`, `T` and `Z`).
    public var text: String

    /// Parses `text`, or returns nil when no layout accepts it.
    /// BurntSushi's datetimeRepl: ` ` and `t` become `T`, `z` becomes `Z`.
    static func normalised(_ raw: String) -> String {
        var text = ""
        for c in raw {
            switch c {
            case " ", "t": text.append("T")
            case "z": text.append("Z")
            default: text.append(c)
            }
        }
        return text
    }

    static func parse(_ raw: String) -> TOMLDateTime? {
        let text = normalised(raw)
        let b = Array(text.utf8)
        var dt = TOMLDateTime(zone: .utc, text: text)
        // Each layout from the start; the first that matches the whole text and passes Go's range checks wins.
        for layout in 0..<7 {
            var j = 0
            var d = dt
            func digits(_ n: Int) -> Int? {
                guard j + n <= b.count else { return nil }
                var v = 0
                for k in j..<(j + n) {
                    guard b[k] >= 48 && b[k] <= 57 else { return nil }
                    v = v * 10 + Int(b[k] - 48)
                }
                j += n
                return v
            }
            func byte(_ c: Character) -> Bool {
                guard j < b.count, b[j] == c.asciiValue else { return false }
                j += 1
                return true
            }
            func date() -> Bool {
                guard let y = digits(4), byte("-"), let m = digits(2), byte("-"), let dd = digits(2) else { return false }
                d.year = y
                d.month = m
                d.day = dd
                return true
            }
            func time(seconds: Bool) -> Bool {
                guard let h = digits(2), byte(":"), let mi = digits(2) else { return false }
                d.hour = h
                d.minute = mi
                guard seconds else { return true }
                guard byte(":"), let sec = digits(2) else { return false }
                d.second = sec
                // Go reads a fraction after the seconds whatever the layout says; past 9 digits it truncates.
                if j + 1 < b.count, b[j] == UInt8(ascii: "."), b[j + 1] >= 48, b[j + 1] <= 57 {
                    j += 1
                    var n = 0, count = 0
                    while j < b.count, b[j] >= 48, b[j] <= 57 {
                        if count < 9 { n = n * 10 + Int(b[j] - 48) }
                        count += 1
                        j += 1
                    }
                    for _ in count..<max(count, 9) { n *= 10 }
                    d.nanosecond = n
                }
                return true
            }
            func zone() -> Bool {
                if byte("Z") {
                    d.zone = .utc
                    return true
                }
                guard j < b.count, b[j] == UInt8(ascii: "+") || b[j] == UInt8(ascii: "-") else { return false }
                let sign = b[j] == UInt8(ascii: "-") ? -1 : 1
                j += 1
                // Go's parseTimeZone: hours up to 24, minutes up to 60.
                guard let h = digits(2), byte(":"), let m = digits(2), h <= 24, m <= 60 else { return false }
                d.zone = .offset(sign * (h * 3600 + m * 60))
                return true
            }
            let matched: Bool
            switch layout {
            case 0: matched = date() && byte("T") && time(seconds: true) && zone()
            case 1:
                matched =
                    date() && byte("T") && time(seconds: true)
                    && {
                        d.zone = .localDateTime; return true
                    }()
            case 2:
                matched =
                    date()
                    && {
                        d.zone = .localDate; return true
                    }()
            case 3:
                matched =
                    time(seconds: true)
                    && {
                        d.zone = .localTime; return true
                    }()
            case 4: matched = date() && byte("T") && time(seconds: false) && zone()
            case 5:
                matched =
                    date() && byte("T") && time(seconds: false)
                    && {
                        d.zone = .localDateTime; return true
                    }()
            default:
                matched =
                    time(seconds: false)
                    && {
                        d.zone = .localTime; return true
                    }()
            }
            guard matched, j == b.count else { continue }
            // time.Parse's range checks.
            guard (1...12).contains(d.month), d.day >= 1, d.day <= Self.daysIn(month: d.month, year: d.year),
                d.hour < 24, d.minute < 60, d.second < 60
            else { continue }
            dt = d
            return dt
        }
        return nil
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// A TOML 1.0 parser for `fromToml`.
struct TOMLParser {
    private let b: [UInt8]
    private var i = 0
    private var line = 1
    private var lastKey = ""
    private var root: [String: Value] = [:]
    /// The current table's path; `arrayIndex` marks path elements that address the last table of an array.
    private var current: [String] = []
    private var defined: Set<String> = []
    /// The full key of the value being parsed, which keys inside an inline table extend for `lastKey`.
    private var keyContext: [String] = []
    private let dateTime: (TOMLDateTime) -> Value

    init(_ bytes: [UInt8], dateTime: @escaping (TOMLDateTime) -> Value) {
        b = bytes
        self.dateTime = dateTime
    }

    private func error(_ message: String) -> GoError {
        error(message, line: line)
    }

    private func error(_ message: String, line: Int) -> GoError {
        if lastKey.isEmpty { return GoError("toml: line \(line): \(message)") }
        return GoError("toml: line \(line) (last key \(GoStrconv.quote(lastKey))): \(message)")
    }

    /// An error about the byte `c` that BurntSushi's lexer has already read: reading a newline counted a line.
    private func error(_ message: String, after c: UInt8?) -> GoError {
        error(message, line: c == 0x0A ? line + 1 : line)
    }

    private func describe(_ c: UInt8?) -> String {
        guard let c else { return "EOF" }
        return GoStrconv.quoteRune(Int(c))
    }

    /// BurntSushi's lexer formats the rune with `%q` where it does not check for the end of the input first,
    /// and its end-of-input rune is 0: `'\x00'`.
    private func quoted(_ c: UInt8?) -> String { GoStrconv.quoteRune(Int(c ?? 0)) }

    private var peek: UInt8? { i < b.count ? b[i] : nil }

    private mutating func skipBlanks() {
        while i < b.count && (b[i] == 0x20 || b[i] == 0x09) { i += 1 }
    }

    private mutating func skipComment() {
        if peek == UInt8(ascii: "#") {
            while i < b.count && b[i] != 0x0A { i += 1 }
        }
    }

    /// Blanks, comments and newlines.
    private mutating func skipAll() {
        while i < b.count {
            switch b[i] {
            case 0x20, 0x09, 0x0D: i += 1
            case 0x0A: i += 1; line += 1
            case UInt8(ascii: "#"): skipComment()
            default: return
            }
        }
    }

    mutating func document() throws(GoError) -> [String: Value] {
        while true {
            skipAll()
            guard let c = peek else { break }
            if c == UInt8(ascii: "[") {
                i += 1
                let isArray = peek == UInt8(ascii: "[")
                if isArray { i += 1 }
                skipBlanks()
                let path = try key()
                skipBlanks()
                guard peek == UInt8(ascii: "]") else {
                    throw error("expected '.' or ']' to end table name, but got \(quoted(peek)) instead", after: peek)
                }
                i += 1
                if isArray {
                    guard peek == UInt8(ascii: "]") else {
                        throw error("expected end of table array name delimiter ']', but got \(quoted(peek)) instead", after: peek)
                    }
                    i += 1
                    try appendTable(path)
                } else {
                    try defineTable(path)
                }
                current = path
                lastKey = path.joined(separator: ".")
            } else {
                let path = try key()
                skipBlanks()
                try keySeparator()
                // The parser names the key once the lexer has passed its '='.
                lastKey = (current + path).joined(separator: ".")
                keyContext = current + path
                skipBlanks()
                let v = try value()
                try set(current + path, v)
                // BurntSushi's parser forgets the key once its value is set: later errors name only the table.
                lastKey = current.joined(separator: ".")
            }
            skipBlanks()
            skipComment()
            if let c = peek, c != 0x0A, c != 0x0D {
                throw error("expected a top-level item to end with a newline, comment, or EOF, but got \(describe(c)) instead")
            }
        }
        return root
    }

    // MARK: Keys

    private mutating func key() throws(GoError) -> [String] {
        var parts: [String] = []
        while true {
            skipBlanks()
            guard let c = peek else { throw error("unexpected EOF; expected key separator '='") }
            if c == UInt8(ascii: "\"") {
                parts.append(try basicString())
            } else if c == UInt8(ascii: "'") {
                parts.append(try literalString())
            } else {
                let start = i
                while let d = peek, Self.isBare(d) { i += 1 }
                if i == start {
                    if c == UInt8(ascii: "=") { throw error("unexpected '=': key name appears blank") }
                    if c == UInt8(ascii: ".") { throw error("unexpected '.': keys cannot start with a '.'") }
                    throw error("expected value but found \(describe(c)) instead")
                }
                parts.append(String(decoding: b[start..<i], as: UTF8.self))
            }
            skipBlanks()
            guard peek == UInt8(ascii: ".") else { return parts }
            i += 1
        }
    }

    private static func isBare(_ c: UInt8) -> Bool {
        (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 95 || c == 45
    }

    // MARK: Tables

    /// Applies `change` to the map at `path`, creating tables on the way.
    private static func update(
        _ m: inout [String: Value], _ path: ArraySlice<String>,
        _ change: (inout [String: Value]) throws(GoError) -> Void
    ) throws(GoError) {
        guard let first = path.first else {
            try change(&m)
            return
        }
        switch m[first] {
        case .map(let table, let t)?:
            var sub = table.dictionary
            try update(&sub, path.dropFirst(), change)
            m[first] = .map(sub, t)
        case .slice(var items, let t)?:
            guard case .map(let table, let mt)? = items.last else {
                throw GoError("toml: key \(GoStrconv.quote(first)) is not a table")
            }
            var sub = table.dictionary
            try update(&sub, path.dropFirst(), change)
            items[items.count - 1] = .map(sub, mt)
            m[first] = .slice(items, t)
        case nil:
            var sub: [String: Value] = [:]
            try update(&sub, path.dropFirst(), change)
            m[first] = .dict(sub)
        default:
            throw GoError("toml: key \(GoStrconv.quote(first)) is not a table")
        }
    }

    private mutating func defineTable(_ path: [String]) throws(GoError) {
        let name = path.joined(separator: "\u{0}")
        if defined.contains(name) {
            throw GoError("toml: line \(line): Key '\(path.joined(separator: "."))' has already been defined.")
        }
        defined.insert(name)
        let parent = path.dropLast()
        guard let last = path.last else { return }
        let line = self.line
        try Self.update(&root, parent[...]) { (m: inout [String: Value]) throws(GoError) in
            switch m[last] {
            case nil: m[last] = .dict([:])
            case .map: break
            default: throw GoError("toml: line \(line): key \(GoStrconv.quote(last)) is not a table")
            }
        }
    }

    private mutating func appendTable(_ path: [String]) throws(GoError) {
        let parent = path.dropLast()
        guard let last = path.last else { return }
        let line = self.line
        try Self.update(&root, parent[...]) { (m: inout [String: Value]) throws(GoError) in
            switch m[last] {
            case nil:
                m[last] = .slice([.dict([:])], .slice(.anyMap))
            case .slice(var items, let t)?:
                items.append(.dict([:]))
                m[last] = .slice(items, t)
            default:
                throw GoError("toml: line \(line): key \(GoStrconv.quote(last)) is not an array of tables")
            }
        }
        // Sub-tables of the previous element may be defined again in the new one.
        let prefix = path.joined(separator: "\u{0}") + "\u{0}"
        defined = defined.filter { !$0.hasPrefix(prefix) }
    }

    private mutating func set(_ path: [String], _ v: Value) throws(GoError) {
        guard let last = path.last else { return }
        let line = self.line
        let full = path.joined(separator: ".")
        try Self.update(&root, path.dropLast()[...]) { (m: inout [String: Value]) throws(GoError) in
            if m[last] != nil {
                throw GoError("toml: line \(line) (last key \(GoStrconv.quote(full))): Key '\(full)' has already been defined.")
            }
            m[last] = v
        }
    }

    // MARK: Values

    private mutating func value() throws(GoError) -> Value {
        guard let c = peek else { throw error("unexpected EOF; expected value") }
        switch c {
        case UInt8(ascii: "\""):
            if hasPrefix("\"\"\"") { return .string(try multilineBasic()) }
            return .string(try basicString())
        case UInt8(ascii: "'"):
            if hasPrefix("'''") { return .string(try multilineLiteral()) }
            return .string(try literalString())
        case UInt8(ascii: "["):
            return try array()
        case UInt8(ascii: "{"):
            return try inlineTable()
        case UInt8(ascii: "t"):
            if hasPrefix("true") { i += 4; return .bool(true) }
        case UInt8(ascii: "f"):
            if hasPrefix("false") { i += 5; return .bool(false) }
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "i"), UInt8(ascii: "n"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try number()
        case UInt8(ascii: "."):
            throw error("floats must start with a digit, not '.'")
        default:
            break
        }
        throw error("expected value but found \(describe(c)) instead")
    }

    private func hasPrefix(_ s: String) -> Bool {
        let u = Array(s.utf8)
        return i + u.count <= b.count && Array(b[i..<(i + u.count)]) == u
    }

    private mutating func number() throws(GoError) -> Value {
        let start = i
        // BurntSushi's lexNumberOrDate: digits (not a lone leading 0) then '-' or ':' start a date-time, which
        // lexDatetime reads as far as date-time characters go (trailing spaces trimmed); the parser then tries
        // its layouts.
        var j = i
        while j < b.count, b[j] >= 48, b[j] <= 57 { j += 1 }
        if j > i, j < b.count, b[j] == UInt8(ascii: "-") || b[j] == UInt8(ascii: ":"), !(b[i] == 48 && j == i + 1) {
            i = j
            while let c = peek, (c >= 48 && c <= 57) || "-:Tt .Zz+".utf8.contains(c) { i += 1 }
            var end = i
            while end > start, b[end - 1] == 0x20 { end -= 1 }
            let raw = String(decoding: b[start..<end], as: UTF8.self)
            guard let dt = TOMLDateTime.parse(raw) else {
                throw error("invalid datetime: \(GoStrconv.quote(TOMLDateTime.normalised(raw)))")
            }
            return dateTime(dt)
        }
        while let c = peek,
            !(c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == UInt8(ascii: ",")
                || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") || c == UInt8(ascii: "#"))
        {
            i += 1
        }
        // A date-time may contain one space between date and time.
        if i + 1 < b.count, b[i] == 0x20, i - start == 10, b[start + 4] == UInt8(ascii: "-"),
            b[i + 1] >= 48, b[i + 1] <= 57
        {
            i += 1
            while let c = peek,
                !(c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == UInt8(ascii: ",")
                    || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") || c == UInt8(ascii: "#"))
            {
                i += 1
            }
        }
        let text = String(decoding: b[start..<i], as: UTF8.self)
        switch text {
        case "inf", "+inf": return .float(.infinity)
        case "-inf": return .float(-.infinity)
        case "nan", "+nan": return .float(.nan)
        case "-nan": return .float(-Double.nan)
        default: break
        }
        let digits = String(text.filter { $0 != "_" })
        var body = Substring(digits)
        if body.hasPrefix("+") || body.hasPrefix("-") { body = body.dropFirst() }
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where body.hasPrefix(prefix) {
            guard !text.hasPrefix("+") && !text.hasPrefix("-"), let n = Int(body.dropFirst(2), radix: radix) else {
                throw error("invalid integer: '\(text)'")
            }
            return .int(n, .int64)
        }
        if !body.isEmpty && body.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            if body.count > 1 && body.hasPrefix("0") { throw error("invalid integer: '\(text)'") }
            guard let n = Int(digits) else { throw error("integer '\(text)' is out of range") }
            return .int(n, .int64)
        }
        if text.utf8.contains(UInt8(ascii: ":")) || (text.utf8.count >= 10 && text.utf8.dropFirst(4).first == UInt8(ascii: "-")) {
            return .string(text)
        }
        if let f = Resolver.parseDecimalFloat(digits.utf8, allowSign: true), f.isFinite {
            return .float(f)
        }
        throw error("invalid float: '\(text)'")
    }

    private mutating func array() throws(GoError) -> Value {
        i += 1
        var items: [Value] = []
        while true {
            skipAll()
            guard let c = peek else { throw error("unexpected EOF; expected value") }
            if c == UInt8(ascii: "]") {
                i += 1
                return .list(items)
            }
            if c == UInt8(ascii: ",") { throw error("unexpected comma") }
            items.append(try value())
            skipAll()
            guard let d = peek else {
                // BurntSushi's runeOrEOF.
                throw error("expected a comma (',') or array terminator (']'), but got end of file")
            }
            if d == UInt8(ascii: ",") {
                i += 1
            } else if d != UInt8(ascii: "]") {
                throw error("expected a comma (',') or array terminator (']'), but got \(describe(d))")
            }
        }
    }

    private mutating func inlineTable() throws(GoError) -> Value {
        i += 1
        var m: [String: Value] = [:]
        skipBlanks()
        if peek == UInt8(ascii: "}") {
            i += 1
            return .dict(m)
        }
        while true {
            skipBlanks()
            let path = try key()
            skipBlanks()
            try keySeparator()
            let outer = keyContext
            keyContext = outer + path
            lastKey = keyContext.joined(separator: ".")
            skipBlanks()
            let v = try value()
            keyContext = outer
            try Self.update(&m, path.dropLast()[...]) { (t: inout [String: Value]) throws(GoError) in
                if let last = path.last { t[last] = v }
            }
            skipBlanks()
            guard let c = peek else {
                // BurntSushi's runeOrEOF.
                throw error("expected a comma or an inline table terminator '}', but got end of file instead")
            }
            if c == UInt8(ascii: "}") {
                i += 1
                return .dict(m)
            }
            guard c == UInt8(ascii: ",") else {
                throw error("expected a comma or an inline table terminator '}', but got \(describe(c)) instead")
            }
            i += 1
        }
    }

    /// The `=` after a key (BurntSushi's lexKeyEnd).
    private mutating func keySeparator() throws(GoError) {
        guard let c = peek else { throw error("unexpected EOF; expected key separator '='") }
        guard c == UInt8(ascii: "=") else { throw error("expected '.' or '=', but got \(describe(c)) instead") }
        i += 1
    }

    // MARK: Strings

    private mutating func basicString() throws(GoError) -> String {
        i += 1
        var out: [UInt8] = []
        while true {
            guard let c = peek else { throw error("unexpected EOF; expected '\"'") }
            if c == 0x0A { throw error("strings cannot contain newlines") }
            i += 1
            if c == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            if c == UInt8(ascii: "\\") {
                try escape(&out)
            } else {
                out.append(c)
            }
        }
    }

    private mutating func escape(_ out: inout [UInt8]) throws(GoError) {
        guard let e = peek else { throw error("unexpected EOF; expected '\"'") }
        i += 1
        switch e {
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "e"): out.append(0x1B)
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(e)
        case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
            let n = e == UInt8(ascii: "x") ? 2 : e == UInt8(ascii: "u") ? 4 : 8
            guard i + n <= b.count, let v = UInt32(String(decoding: b[i..<(i + n)], as: UTF8.self), radix: 16),
                let scalar = Unicode.Scalar(v)
            else {
                throw error("invalid escape sequence")
            }
            i += n
            out.append(contentsOf: String(Character(scalar)).utf8)
        default:
            throw error(
                "invalid escape character \(GoStrconv.quoteRune(Int(e))); only the following escape characters are allowed: \\b, \\t, \\n, \\f, \\r, \\\", \\\\, \\xXX, \\uXXXX, and \\UXXXXXXXX"
            )
        }
    }

    private mutating func literalString() throws(GoError) -> String {
        i += 1
        let start = i
        while true {
            guard let c = peek else { throw error("unexpected EOF; expected \"'\"") }
            if c == 0x0A { throw error("strings cannot contain newlines") }
            i += 1
            if c == UInt8(ascii: "'") { return String(decoding: b[start..<(i - 1)], as: UTF8.self) }
        }
    }

    private mutating func multilineBasic() throws(GoError) -> String {
        i += 3
        if peek == 0x0A { i += 1; line += 1 } else if hasPrefix("\r\n") { i += 2; line += 1 }
        var out: [UInt8] = []
        while true {
            guard let c = peek else { throw error("unexpected EOF; expected '\"\"\"'") }
            if hasPrefix("\"\"\"") {
                i += 3
                // Up to two more quotes belong to the content.
                var extra = 0
                while peek == UInt8(ascii: "\"") && extra < 2 {
                    out.append(UInt8(ascii: "\""))
                    i += 1
                    extra += 1
                }
                return String(decoding: out, as: UTF8.self)
            }
            i += 1
            if c == 0x0A { line += 1 }
            if c == UInt8(ascii: "\\") {
                // A line-ending backslash trims the following whitespace and newlines.
                var j = i
                while j < b.count && (b[j] == 0x20 || b[j] == 0x09) { j += 1 }
                if j < b.count && (b[j] == 0x0A || b[j] == 0x0D) {
                    i = j
                    while let d = peek, d == 0x20 || d == 0x09 || d == 0x0A || d == 0x0D {
                        if d == 0x0A { line += 1 }
                        i += 1
                    }
                } else {
                    try escape(&out)
                }
            } else {
                out.append(c)
            }
        }
    }

    private mutating func multilineLiteral() throws(GoError) -> String {
        i += 3
        if peek == 0x0A { i += 1; line += 1 } else if hasPrefix("\r\n") { i += 2; line += 1 }
        var out: [UInt8] = []
        while true {
            guard let c = peek else { throw error("unexpected EOF; expected \"'''\"") }
            if hasPrefix("'''") {
                i += 3
                var extra = 0
                while peek == UInt8(ascii: "'") && extra < 2 {
                    out.append(c)
                    i += 1
                    extra += 1
                }
                return String(decoding: out, as: UTF8.self)
            }
            if c == 0x0A { line += 1 }
            out.append(c)
            i += 1
        }
    }
}
