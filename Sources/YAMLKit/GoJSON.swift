// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime

/// A Go type with its own JSON form (Go's `json.Marshaler`): `time.Time`, `*semver.Version`, Helm's objects.
///
/// Objects that do not conform are encoded as Go encodes structs: their fields in declaration order.
public protocol GoJSONMarshaler {
    /// The value whose JSON encoding is the object's (a `.string` for `time.Time`, a map for a struct …).
    func jsonValue() throws(GoError) -> Value
}

/// Go's `encoding/json` (Go 1.25): `Marshal`, `MarshalIndent`, an `Encoder` without HTML escaping, and
/// `Unmarshal` into `interface{}`, `map[string]interface{}` and `[]interface{}`, with Go's bytes and errors.
public enum GoJSON {
    // MARK: Encoding

    /// `json.Marshal(v)` (`escapeHTML: true`), or a `json.Encoder` with `SetEscapeHTML(false)` minus its
    /// final newline. `indent` gives `json.MarshalIndent(v, "", indent)`.
    /// Throws Go's error, e.g. `json: unsupported value: NaN`.
    public static func marshal(_ v: Value, escapeHTML: Bool = true, indent: String? = nil) throws(GoError) -> String {
        var e = JSONEncoder(escapeHTML: escapeHTML, indent: indent.map { Array($0.utf8) })
        e.root = v
        try e.value(v, depth: 0)
        return String(decoding: e.out, as: UTF8.self)
    }

    /// encoding/json's encoding of one string (`appendString`), quotes included. It never fails.
    public static func quote(_ s: String, escapeHTML: Bool = true) -> String {
        var e = JSONEncoder(escapeHTML: escapeHTML, indent: nil)
        e.string(s)
        return String(decoding: e.out, as: UTF8.self)
    }

    /// Go's `base64.StdEncoding.EncodeToString` (how encoding/json writes a `[]byte`).
    public static func base64(_ bytes: [UInt8]) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 3 <= bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out.append(table[Int(n >> 18 & 63)])
            out.append(table[Int(n >> 12 & 63)])
            out.append(table[Int(n >> 6 & 63)])
            out.append(table[Int(n & 63)])
            i += 3
        }
        let rest = bytes.count - i
        if rest > 0 {
            var n = UInt32(bytes[i]) << 16
            if rest == 2 { n |= UInt32(bytes[i + 1]) << 8 }
            out.append(table[Int(n >> 18 & 63)])
            out.append(table[Int(n >> 12 & 63)])
            out.append(rest == 2 ? table[Int(n >> 6 & 63)] : UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Go's layout for `time.RFC3339Nano`, which `time.Time.MarshalJSON` uses.
    static let rfc3339Nano = "2006-01-02T15:04:05.999999999Z07:00"

    /// The value encoding/json writes for an object, as plain values: a `json.Marshaler`'s own form,
    /// `time.Time` as its RFC 3339 text, `*semver.Version` as its string, nil pointers as null, other structs
    /// as maps of their fields.
    public static func jsonEquivalent(_ o: any GoObject) throws(GoError) -> Value {
        if let m = o as? any GoJSONMarshaler { return try m.jsonValue() }
        if o.isNilPointer { return .null }
        if let s = try knownText(o) { return .string(s) }
        var m: [String: Value] = [:]
        for f in o.jsonFields { m[f.name] = f.value }
        return .dict(m)
    }

    /// What go.yaml.in/yaml/v3 writes for an object: `time.Time` as RFC 3339 text, text marshalers as their
    /// text, structs as maps of their fields under lower-cased names.
    static func yamlV3Equivalent(_ o: any GoObject) -> Value {
        if o.isNilPointer { return .null }
        if let s = try? knownText(o) { return .string(s) }
        var m: [String: Value] = [:]
        for f in o.fields { m[f.name.lowercased()] = f.value }
        return .dict(m)
    }

    /// The text form of the Go types whose JSON form is a string.
    static func knownText(_ o: any GoObject) throws(GoError) -> String? {
        let name = o.goTypeName
        if name == "time.Time" || name == "*time.Time" {
            if let format = o.method("Format"), case .string(let s) = try format.call([.string(rfc3339Nano)]) {
                return s
            }
            return o.stringer
        }
        if name.hasSuffix("semver.Version") { return o.stringer }
        return nil
    }

    // MARK: Decoding

    /// `json.Unmarshal(text, &v)` with `v interface{}`: numbers float64, objects `map[string]interface{}`.
    /// Throws Go's error text (`invalid character 'b' looking for beginning of object key string`,
    /// `unexpected end of JSON input`).
    public static func unmarshal(_ text: String) throws(GoError) -> Value {
        var d = JSONDecoder(Array(text.utf8))
        let v = try d.decode()
        if let e = d.savedError { throw GoError(e) }
        return v
    }

    /// One `json.Decoder.Decode(&v)` into `v interface{}` over `bytes`: the first JSON value (after leading
    /// white space), and `InputOffset()` after it, the number of bytes it took. Whatever follows the value is
    /// left alone, as a Decoder leaves it for its next call (`1,b=2` decodes `1` and takes 1 byte).
    /// Throws Go's error: a syntax error, `unexpected EOF` for a value cut short, or a number out of
    /// float64's range.
    public static func decodePrefix(_ bytes: [UInt8]) throws(GoError) -> (value: Value, consumed: Int) {
        var d = JSONDecoder(bytes, prefix: true)
        let v: Value
        do {
            v = try d.decode()
        } catch {
            // The Decoder reports any value the input ends inside as io.ErrUnexpectedEOF.
            if d.offset >= bytes.count { throw GoError("unexpected EOF") }
            throw error
        }
        if let e = d.savedError { throw GoError(e) }
        return (v, d.offset)
    }

    /// `json.Unmarshal(text, &m)` with `m map[string]interface{}`: JSON null leaves the map empty; another
    /// kind of value fails with `json: cannot unmarshal array into Go value of type map[string]interface {}`.
    /// Returns what was decoded and the error, as Go leaves both.
    public static func unmarshalMap(_ text: String) -> (map: [String: Value], error: GoError?) {
        let (m, error) = unmarshalGoMap(text)
        return (m.dictionary, error)
    }

    /// `json.Unmarshal(text, &m)` into a made `m map[string]interface{}`, as `m` is afterwards: JSON null sets
    /// it to Go's nil map (`GoMap.nilMap()`, which `toJson` writes as null), an error leaves it made.
    public static func unmarshalGoMap(_ text: String) -> (map: GoRuntime.GoMap, error: GoError?) {
        var d = JSONDecoder(Array(text.utf8))
        let v: Value
        do {
            v = try d.decode()
        } catch {
            return (GoRuntime.GoMap(), error)
        }
        switch v {
        case .map(let m, _): return (m, d.savedError.map { GoError($0) })
        case .null: return (GoRuntime.GoMap.nilMap(), nil)
        default: return (GoRuntime.GoMap(), GoError("json: cannot unmarshal \(kind(v)) into Go value of type map[string]interface {}"))
        }
    }

    /// `json.Unmarshal(text, &a)` with `a []interface{}`.
    public static func unmarshalArray(_ text: String) -> (array: [Value], error: GoError?) {
        let (v, error) = unmarshalSlice(text)
        if case .slice(let a, _) = v { return (a, error) }
        return ([], error)
    }

    /// `json.Unmarshal(text, &a)` into a made `a []interface{}`, as `a` is afterwards: JSON null sets it to Go's
    /// nil slice (`Value.nilSlice()`, which `toJson` writes as null), an error leaves it empty.
    public static func unmarshalSlice(_ text: String) -> (slice: Value, error: GoError?) {
        var d = JSONDecoder(Array(text.utf8))
        let v: Value
        do {
            v = try d.decode()
        } catch {
            return (.list([]), error)
        }
        switch v {
        case .slice(let a, _): return (.list(a), d.savedError.map { GoError($0) })
        case .null: return (.nilSlice(), nil)
        default: return (.list([]), GoError("json: cannot unmarshal \(kind(v)) into Go value of type []interface {}"))
        }
    }

    private static func kind(_ v: Value) -> String {
        switch v {
        case .slice: return "array"
        case .map: return "object"
        case .string: return "string"
        case .bool: return "bool"
        default: return "number"
        }
    }
}

/// encoding/json's encoder for template values, writing bytes.
struct JSONEncoder {
    let escapeHTML: Bool
    let indent: [UInt8]?
    var out: [UInt8] = []
    /// The value being encoded, checked once for a cycle when the encoder gets deep (see `ValueWalk`).
    var root: Value = .null
    var cycleChecked = false

    init(escapeHTML: Bool, indent: [UInt8]?) {
        self.escapeHTML = escapeHTML
        self.indent = indent
        out.reserveCapacity(128)
    }

    private mutating func newline(_ depth: Int) {
        guard let indent else { return }
        out.append(10)
        for _ in 0..<depth { out.append(contentsOf: indent) }
    }

    mutating func value(_ v: Value, depth: Int) throws(GoError) {
        switch v {
        case .null:
            out.append(contentsOf: "null".utf8)
        case .bool(let b):
            out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i, let kind):
            out.append(contentsOf: (kind.isUnsigned && i < 0 ? String(UInt(bitPattern: i)) : String(i)).utf8)
        case .float(let f):
            try float(f)
        case .string(let s):
            string(s)
        case .bytes(let b):
            out.append(0x22)
            out.append(contentsOf: GoJSON.base64(b).utf8)
            out.append(0x22)
        case .slice(let items, let type):
            if items.isEmpty {
                // encoding/json writes a nil slice as null, an empty one as [].
                out.append(contentsOf: (type.isNilSlice ? "null" : "[]").utf8)
                return
            }
            try checkDepth(depth)
            out.append(UInt8(ascii: "["))
            for (n, item) in items.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                try value(item, depth: depth + 1)
            }
            newline(depth)
            out.append(UInt8(ascii: "]"))
        case .map(let m, _):
            // encoding/json writes a nil map as null.
            if m.isNil {
                out.append(contentsOf: "null".utf8)
                return
            }
            try checkDepth(depth)
            // encoding/json sorts map keys bytewise.
            let keys = m.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            try object(keys.map { ($0, m[$0] ?? .null) }, depth: depth)
        case .object(let o):
            if let m = o as? any GoJSONMarshaler {
                try value(try m.jsonValue(), depth: depth)
            } else if o.isNilPointer {
                out.append(contentsOf: "null".utf8)
            } else if let text = try GoJSON.knownText(o) {
                string(text)
            } else {
                // A struct: its exported fields in declaration order.
                try object(o.jsonFields.map { ($0.name, $0.value) }, depth: depth)
            }
        }
    }

    /// encoding/json's cycle check: past `ValueWalk.cycleCheckDepth` maps and slices, the value is checked (once)
    /// for a map holding itself — `json: unsupported value: encountered a cycle via map[string]interface {}`.
    /// A value nested past `ValueWalk.maxDepth` without a cycle stops with an error too.
    private mutating func checkDepth(_ depth: Int) throws(GoError) {
        guard depth >= ValueWalk.cycleCheckDepth else { return }
        if !cycleChecked {
            cycleChecked = true
            if let t = ValueWalk.jsonCycleTypeName(root) {
                throw GoError("json: unsupported value: encountered a cycle via " + t)
            }
        }
        if depth >= ValueWalk.maxDepth {
            throw GoError("json: unsupported value: nested deeper than \(ValueWalk.maxDepth) levels")
        }
    }

    private mutating func object(_ entries: [(String, Value)], depth: Int) throws(GoError) {
        if entries.isEmpty {
            out.append(contentsOf: "{}".utf8)
            return
        }
        out.append(UInt8(ascii: "{"))
        for (n, (k, v)) in entries.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            newline(depth + 1)
            string(k)
            out.append(UInt8(ascii: ":"))
            if indent != nil { out.append(0x20) }
            try value(v, depth: depth + 1)
        }
        newline(depth)
        out.append(UInt8(ascii: "}"))
    }

    /// encoding/json's `floatEncoder`: `%f` form between 1e-6 and 1e21, `%e` outside with a two-digit
    /// negative exponent shortened (`1e-07` → `1e-7`).
    private mutating func float(_ f: Double) throws(GoError) {
        guard f.isFinite else { throw GoError("json: unsupported value: " + GoStrconv.formatFloat(f, "g", -1, 64)) }
        let a = abs(f)
        if a != 0 && (a < 1e-6 || a >= 1e21) {
            var b = Array(GoStrconv.formatFloat(f, "e", -1, 64).utf8)
            let n = b.count
            if n >= 4 && b[n - 4] == UInt8(ascii: "e") && b[n - 3] == UInt8(ascii: "-") && b[n - 2] == UInt8(ascii: "0") {
                b[n - 2] = b[n - 1]
                b.removeLast()
            }
            out.append(contentsOf: b)
        } else if f == 0 && f.sign == .minus {
            out.append(contentsOf: "-0".utf8)
        } else if f == f.rounded(.towardZero) && a < 9e15 {
            // Integral values print without a point under %f; Int's description is the same text, faster.
            out.append(contentsOf: String(Int(f)).utf8)
        } else {
            out.append(contentsOf: GoStrconv.formatFloat(f, "f", -1, 64).utf8)
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// encoding/json's `appendString`.
    mutating func string(_ s: String) {
        out.append(0x22)
        var str = s
        str.withUTF8 { b in
            var start = 0
            var i = 0
            while i < b.count {
                let c = b[i]
                if c < 0x80 {
                    let safe: Bool
                    switch c {
                    case 0x22, 0x5C: safe = false
                    case 0..<0x20: safe = false
                    case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"): safe = !escapeHTML
                    default: safe = true
                    }
                    if safe {
                        i += 1
                        continue
                    }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
                    switch c {
                    case 0x22, 0x5C: out.append(0x5C); out.append(c)
                    case 0x08: out.append(0x5C); out.append(UInt8(ascii: "b"))
                    case 0x0C: out.append(0x5C); out.append(UInt8(ascii: "f"))
                    case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
                    case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
                    case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
                    default:
                        out.append(contentsOf: "\\u00".utf8)
                        out.append(Self.hex[Int(c >> 4)])
                        out.append(Self.hex[Int(c & 0xF)])
                    }
                    i += 1
                    start = i
                    continue
                }
                // U+2028 and U+2029 (E2 80 A8/A9) are escaped for JavaScript, HTML escaping or not.
                if c == 0xE2 && i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9) {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
                    out.append(contentsOf: "\\u202".utf8)
                    out.append(b[i + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9"))
                    i += 3
                    start = i
                    continue
                }
                // A byte that is not UTF-8 (GoByteString's stand-in, F4 8F BA/BB xx): encoding/json writes \ufffd.
                if c == 0xF4 && i + 3 < b.count && b[i + 1] == 0x8F && (b[i + 2] == 0xBA || b[i + 2] == 0xBB) {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
                    out.append(contentsOf: "\\ufffd".utf8)
                    i += 4
                    start = i
                    continue
                }
                i += 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<b.count]))
        }
        out.append(0x22)
    }
}

/// encoding/json's `Unmarshal` into `interface{}`: the scanner's syntax checking (with its error texts, the
/// first error in input order, end of input treated as a space) and the decoding, in one iterative pass.
struct JSONDecoder {
    private let b: [UInt8]
    private var i = 0
    /// A non-syntax error Go records and reports after decoding (a number out of float64's range).
    var savedError: String?
    /// Decode one value and stop after it, as `json.Decoder` does, instead of requiring the end of input.
    private let prefix: Bool
    /// Bytes read so far (after `decode()` in prefix mode: up to the end of the value).
    var offset: Int { i }

    init(_ bytes: [UInt8], prefix: Bool = false) {
        b = bytes
        self.prefix = prefix
    }

    private static let maxDepth = 10000

    private func syntax(_ context: String) -> GoError {
        // Past the end, the scanner is fed a space.
        let c: UInt8 = i < b.count ? b[i] : 0x20
        return GoError("invalid character " + Self.quoteChar(c) + " " + context)
    }

    private static func quoteChar(_ c: UInt8) -> String {
        if c == UInt8(ascii: "'") { return "'\\''" }
        if c == UInt8(ascii: "\"") { return "'\"'" }
        let q = GoStrconv.quote(String(Unicode.Scalar(c)))
        return "'" + q.dropFirst().dropLast() + "'"
    }

    private static let eof = GoError("unexpected end of JSON input")

    private mutating func skipSpace() {
        while i < b.count {
            switch b[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    /// A container being filled.
    private enum Frame {
        case array([Value])
        case object([String: Value], key: String)
    }

    mutating func decode() throws(GoError) -> Value {
        var stack: [Frame] = []
        var result: Value = .null
        parse: while true {
            // Expect a value (scanner's stateBeginValue).
            skipSpace()
            guard i < b.count else { throw Self.eof }
            var v: Value
            switch b[i] {
            case UInt8(ascii: "{"):
                if stack.count >= Self.maxDepth { throw syntax("exceeded max depth") }
                i += 1
                skipSpace()
                guard i < b.count else { throw Self.eof }
                if b[i] == UInt8(ascii: "}") {
                    i += 1
                    v = .dict([:])
                } else {
                    let key = try objectKey()
                    stack.append(.object([:], key: key))
                    continue parse
                }
            case UInt8(ascii: "["):
                if stack.count >= Self.maxDepth { throw syntax("exceeded max depth") }
                i += 1
                skipSpace()
                guard i < b.count else { throw Self.eof }
                if b[i] == UInt8(ascii: "]") {
                    i += 1
                    v = .list([])
                } else {
                    stack.append(.array([]))
                    continue parse
                }
            case UInt8(ascii: "\""):
                v = .string(try string())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                v = try number()
            case UInt8(ascii: "t"):
                try literal("true")
                v = .bool(true)
            case UInt8(ascii: "f"):
                try literal("false")
                v = .bool(false)
            case UInt8(ascii: "n"):
                try literal("null")
                v = .null
            default:
                throw syntax("looking for beginning of value")
            }
            // Attach the value and continue after it (stateEndValue).
            while true {
                guard var top = stack.popLast() else {
                    result = v
                    if prefix { break parse }
                    skipSpace()
                    if i < b.count { throw syntax("after top-level value") }
                    break parse
                }
                skipSpace()
                switch top {
                case .array(var items):
                    items.append(v)
                    guard i < b.count else { throw Self.eof }
                    if b[i] == UInt8(ascii: ",") {
                        i += 1
                        stack.append(.array(items))
                        continue parse
                    }
                    guard b[i] == UInt8(ascii: "]") else { throw syntax("after array element") }
                    i += 1
                    v = .list(items)
                case .object(var m, let key):
                    m[key] = v
                    guard i < b.count else { throw Self.eof }
                    if b[i] == UInt8(ascii: ",") {
                        i += 1
                        skipSpace()
                        guard i < b.count else { throw Self.eof }
                        let next = try objectKey()
                        top = .object(m, key: next)
                        stack.append(top)
                        continue parse
                    }
                    guard b[i] == UInt8(ascii: "}") else { throw syntax("after object key:value pair") }
                    i += 1
                    v = .dict(m)
                }
            }
        }
        return result
    }

    /// A key and its colon; `i` is at the key's opening quote (or what stands there instead).
    private mutating func objectKey() throws(GoError) -> String {
        guard b[i] == UInt8(ascii: "\"") else { throw syntax("looking for beginning of object key string") }
        let key = try string()
        skipSpace()
        guard i < b.count else { throw Self.eof }
        guard b[i] == UInt8(ascii: ":") else { throw syntax("after object key") }
        i += 1
        return key
    }

    private mutating func literal(_ word: String) throws(GoError) {
        let w = Array(word.utf8)
        i += 1
        for k in 1..<w.count {
            guard i < b.count, b[i] == w[k] else {
                throw syntax("in literal \(word) (expecting '\(Character(Unicode.Scalar(w[k])))')")
            }
            i += 1
        }
    }

    private func isDigit(_ j: Int) -> Bool { j < b.count && b[j] >= 48 && b[j] <= 57 }

    private mutating func number() throws(GoError) -> Value {
        let start = i
        if b[i] == UInt8(ascii: "-") {
            i += 1
            guard isDigit(i) else { throw syntax("in numeric literal") }
        }
        if b[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while isDigit(i) { i += 1 }
        }
        if i < b.count && b[i] == UInt8(ascii: ".") {
            i += 1
            guard isDigit(i) else { throw syntax("after decimal point in numeric literal") }
            while isDigit(i) { i += 1 }
        }
        if i < b.count && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
            i += 1
            if i < b.count && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
            guard isDigit(i) else { throw syntax("in exponent of numeric literal") }
            while isDigit(i) { i += 1 }
        }
        let text = String(decoding: b[start..<i], as: UTF8.self)
        guard let f = Double(text), f.isFinite else {
            if savedError == nil { savedError = "json: cannot unmarshal number \(text) into Go value of type float64" }
            return .null
        }
        return .float(f)
    }

    private func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case 48...57: return UInt32(c - 48)
        case 65...70: return UInt32(c - 55)
        case 97...102: return UInt32(c - 87)
        default: return nil
        }
    }

    /// Four hex digits after `\u`, or nil when they are not there (a syntax error at the first bad one).
    private mutating func hex4() throws(GoError) -> UInt32 {
        var r: UInt32 = 0
        for _ in 0..<4 {
            guard i < b.count else { throw syntax("in \\u hexadecimal character escape") }
            guard let h = hexValue(b[i]) else { throw syntax("in \\u hexadecimal character escape") }
            r = r << 4 | h
            i += 1
        }
        return r
    }

    /// A string literal; `i` is at the opening quote. Invalid surrogates become U+FFFD.
    private mutating func string() throws(GoError) -> String {
        i += 1
        let start = i
        // Fast path: no escapes.
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                let s = String(decoding: b[start..<i], as: UTF8.self)
                i += 1
                return s
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw syntax("in string literal") }
            i += 1
        }
        var out = Array(b[start..<i])
        while true {
            guard i < b.count else { throw Self.eof }
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c < 0x20 { throw syntax("in string literal") }
            if c != UInt8(ascii: "\\") {
                out.append(c)
                i += 1
                continue
            }
            i += 1
            guard i < b.count else { throw syntax("in string escape code") }
            let e = b[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var r = try hex4()
                if r >= 0xD800 && r < 0xDC00 {
                    // A high surrogate: combined with a following \u low surrogate, else U+FFFD.
                    if i + 1 < b.count && b[i] == UInt8(ascii: "\\") && b[i + 1] == UInt8(ascii: "u") {
                        let save = i
                        i += 2
                        let lo = try hex4()
                        if lo >= 0xDC00 && lo < 0xE000 {
                            r = 0x10000 + ((r - 0xD800) << 10) + (lo - 0xDC00)
                        } else {
                            // Go decodes the second escape on its own.
                            i = save
                            r = 0xFFFD
                        }
                    } else {
                        r = 0xFFFD
                    }
                } else if r >= 0xDC00 && r < 0xE000 {
                    r = 0xFFFD
                }
                let scalar = Unicode.Scalar(r) ?? "\u{FFFD}"
                out.append(contentsOf: String(Character(scalar)).utf8)
            default:
                i -= 1
                throw syntax("in string escape code")
            }
        }
    }
}
