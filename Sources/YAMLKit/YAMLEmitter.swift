// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime

/// YAML output as Helm produces it.
///
/// `toYaml` is sigs.k8s.io/yaml's `Marshal`: encoding/json first (so numbers, byte slices, times and map keys
/// take their JSON form, and ±Inf/NaN fail), then go-yaml v2 decodes that JSON into `interface{}` (a JSON
/// number becomes an `int`, `uint64` or `float64` by go-yaml's own rules) and encodes it again: map keys
/// sorted by go-yaml's natural order, block style, compact sequences (`key:\n- a`), 80-column folding.
///
/// `toYamlPretty` is go.yaml.in/yaml/v3's `Encoder` with `SetIndent(2)`, applied to the value itself:
/// sequences indented under their key, no folding, floats in `%g` form (`1e+06`).
public enum GoYAML {
    /// sigs.k8s.io/yaml's `Marshal(v)`: the YAML text with its final newline.
    /// Throws Go's error (`error marshaling into JSON: json: unsupported value: +Inf`).
    public static func marshal(_ v: Value) throws(GoError) -> String {
        var e = YAMLEmitter(flavor: .v2)
        do {
            try e.document(v)
        } catch {
            // json.Marshal runs first over the whole value: its error wins, and names the first ±Inf or NaN in
            // JSON's order (keys sorted bytewise). A cycle was named by the emitter.
            if ValueWalk.hasCycle(v) { throw error }
            if let f = firstNonFinite(v) {
                let inner = GoError("json: unsupported value: " + GoStrconv.formatFloat(f, "g", -1, 64))
                throw GoError("error marshaling into JSON: " + inner.message, wrapping: inner)
            }
            throw error
        }
        return String(decoding: e.out, as: UTF8.self)
    }

    /// The first ±Inf or NaN encoding/json meets in `v`.
    static func firstNonFinite(_ v: Value) -> Double? {
        switch v {
        case .float(let f): return f.isFinite ? nil : f
        case .slice(let items, _):
            for item in items { if let f = firstNonFinite(item) { return f } }
            return nil
        case .map(let m, _):
            for k in m.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                if let value = m[k], let f = firstNonFinite(value) { return f }
            }
            return nil
        case .object(let o):
            if let j = try? GoJSON.jsonEquivalent(o) { return firstNonFinite(j) }
            return nil
        default: return nil
        }
    }

    /// go.yaml.in/yaml/v3's `Encoder.Encode(v)` after `SetIndent(indent)`: the YAML text with its final newline.
    public static func marshalV3(_ v: Value, indent: Int = 2) -> String {
        var e = YAMLEmitter(flavor: .v3, bestIndent: indent)
        // v3 encodes every value Helm can hold (±Inf and NaN as .inf and .nan); only a map holding itself
        // throws (go-yaml v3 overflows Go's stack on it), and then nothing is printed.
        guard (try? e.document(v)) != nil else { return "" }
        return String(decoding: e.out, as: UTF8.self)
    }

    /// go-yaml v2's map key order (`keyList.Less` on string keys): letters sort before non-letters, runs of
    /// digits compare by numeric value, otherwise by code point.
    public static func sortedKeys(_ keys: some Collection<String>) -> [String] {
        YAMLKeyOrder.sorted(Array(keys), v3: false)
    }
}

/// The scalar styles of libyaml's emitter.
enum ScalarStyle {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// go-yaml's map key ordering (`sorter.go`), for string keys.
enum YAMLKeyOrder {
    static func sorted(_ keys: [String], v3: Bool) -> [String] {
        if keys.count < 2 { return keys }
        // Fast path: plain lowercase ASCII words without digits sort bytewise under go-yaml's rule too.
        let runes = keys.map { Array($0.unicodeScalars) }
        var idx = Array(0..<keys.count)
        idx.sort { less(runes[$0], runes[$1], v3: v3) }
        return idx.map { keys[$0] }
    }

    static func isLetter(_ r: Unicode.Scalar) -> Bool {
        let v = r.value
        if v < 0x80 { return (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) }
        switch r.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    static func isDigit(_ r: Unicode.Scalar) -> Bool {
        let v = r.value
        if v < 0x80 { return v >= 0x30 && v <= 0x39 }
        return r.properties.generalCategory == .decimalNumber
    }

    static func less(_ ar: [Unicode.Scalar], _ br: [Unicode.Scalar], v3: Bool) -> Bool {
        var digits = false
        var i = 0
        while i < ar.count && i < br.count {
            if ar[i] == br[i] {
                digits = isDigit(ar[i])
                i += 1
                continue
            }
            let al = isLetter(ar[i]), bl = isLetter(br[i])
            if al && bl { return ar[i].value < br[i].value }
            if al || bl { return v3 && digits ? al : bl }
            var an: Int64 = 0, bn: Int64 = 0
            if ar[i] == "0" || br[i] == "0" {
                var j = i - 1
                while j >= 0 && isDigit(ar[j]) {
                    if ar[j] != "0" {
                        an = 1
                        bn = 1
                        break
                    }
                    j -= 1
                }
            }
            var ai = i
            while ai < ar.count && isDigit(ar[ai]) {
                an = an &* 10 &+ (Int64(ar[ai].value) &- 48)
                ai += 1
            }
            var bi = i
            while bi < br.count && isDigit(br[bi]) {
                bn = bn &* 10 &+ (Int64(br[bi].value) &- 48)
                bi += 1
            }
            if an != bn { return an < bn }
            if ai != bi { return ai < bi }
            return ar[i].value < br[i].value
        }
        return ar.count < br.count
    }
}

/// What libyaml's `yaml_emitter_analyze_scalar` learns about a scalar.
struct ScalarAnalysis {
    var multiline = false
    var flowPlainAllowed = false
    var blockPlainAllowed = true
    var singleQuotedAllowed = true
    var blockAllowed = false
}

/// libyaml's byte classes (`yamlprivateh.go`), reading past the end as a NUL byte.
@inline(__always) private func at(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt8 { i < b.count ? b[i] : 0 }

@inline(__always) private func width(_ c: UInt8) -> Int {
    if c & 0x80 == 0 { return 1 }
    if c & 0xE0 == 0xC0 { return 2 }
    if c & 0xF0 == 0xE0 { return 3 }
    if c & 0xF8 == 0xF0 { return 4 }
    return 1
}

@inline(__always) private func isSpace(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool { at(b, i) == 0x20 }

@inline(__always) private func isBlank(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    let c = at(b, i)
    return c == 0x20 || c == 0x09
}

@inline(__always) private func isBreak(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    let c = at(b, i)
    if c == 0x0D || c == 0x0A { return true }
    if c == 0xC2 { return at(b, i + 1) == 0x85 }
    if c == 0xE2 { return at(b, i + 1) == 0x80 && (at(b, i + 2) == 0xA8 || at(b, i + 2) == 0xA9) }
    return false
}

@inline(__always) private func isBlankZ(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    isBlank(b, i) || isBreak(b, i) || at(b, i) == 0
}

@inline(__always) private func isPrintable(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    let c = at(b, i)
    switch c {
    case 0x0A, 0x20...0x7E: return true
    case 0xC2: return at(b, i + 1) >= 0xA0
    case 0xC3..<0xED: return true
    case 0xED: return at(b, i + 1) < 0xA0
    case 0xEE: return true
    case 0xEF:
        let c1 = at(b, i + 1), c2 = at(b, i + 2)
        if c1 == 0xBB && c2 == 0xBF { return false }
        if c1 == 0xBF && (c2 == 0xBE || c2 == 0xBF) { return false }
        return true
    default: return false
    }
}

/// libyaml's emitter (go-yaml's `emitterc.go`) for the documents go-yaml's encoder produces: block mappings
/// and sequences, flow `{}` and `[]` for empty ones, scalars in the five styles. The state machine becomes
/// recursion; the column, indentation and whitespace bookkeeping, and so every line break and space, are
/// libyaml's.
struct YAMLEmitter {
    enum Flavor { case v2, v3 }

    let flavor: Flavor
    let bestIndent: Int
    let bestWidth: Int
    var out: [UInt8] = []
    var column = 0
    var whitespace = true
    var indention = true
    var indent = -1
    var indents: [Int] = []
    var flowLevel = 0
    var rootContext = false
    var sequenceContext = false
    var mappingContext = false
    var simpleKeyContext = false
    /// v3 only: whether the node being emitted is a block sequence item (libyaml's `states` top).
    var itemContext = false
    /// The document's value and how many maps and slices deep the emitter is in it (see `ValueWalk`).
    var root: Value = .null
    var nesting = 0
    var cycleChecked = false

    init(flavor: Flavor, bestIndent: Int = 2) {
        self.flavor = flavor
        self.bestIndent = (2...9).contains(bestIndent) ? bestIndent : 2
        // v2 leaves best_width 0, which stream start turns into 80; v3 sets -1 (no folding).
        self.bestWidth = flavor == .v2 ? 80 : Int(Int32.max)
        out.reserveCapacity(256)
    }

    /// One implicit document (no `---`), then DOCUMENT-END's indent (the final newline).
    mutating func document(_ v: Value) throws(GoError) {
        root = v
        try node(v, root: true, sequence: false, mapping: false, simpleKey: false, item: false)
        writeIndent()
    }

    // MARK: Nodes

    private mutating func setContext(root: Bool, sequence: Bool, mapping: Bool, simpleKey: Bool, item: Bool) {
        rootContext = root
        sequenceContext = sequence
        mappingContext = mapping
        simpleKeyContext = simpleKey
        itemContext = item
    }

    mutating func node(_ v: Value, root: Bool, sequence: Bool, mapping: Bool, simpleKey: Bool, item: Bool) throws(GoError) {
        setContext(root: root, sequence: sequence, mapping: mapping, simpleKey: simpleKey, item: item)
        if flavor == .v2 && v.isTypedNil {
            // sigs.k8s.io/yaml goes through encoding/json, which writes a nil slice or map as null.
            plainScalar("null")
            return
        }
        switch v {
        case .null:
            plainScalar("null")
        case .bool(let b):
            plainScalar(b ? "true" : "false")
        case .int(let i, let kind):
            plainScalar(kind.isUnsigned && i < 0 ? String(UInt(bitPattern: i)) : String(i))
        case .float(let f):
            plainScalar(try floatText(f))
        case .string(let s):
            if flavor == .v2 {
                stringScalar(try Self.throughJSON(s))
            } else {
                // go-yaml v3 writes a string that is not UTF-8 as `!!binary` base64; not reproduced: such bytes
                // are written as U+FFFD.
                stringScalar(GoByteString.display(s))
            }
        case .bytes(let b):
            if flavor == .v2 {
                stringScalar(GoJSON.base64(b))
            } else {
                try sequenceNode(b.map { .int(Int($0), .uint8) })
            }
        case .slice(let items, _):
            try enterContainer()
            defer { nesting -= 1 }
            try sequenceNode(items)
        case .map(let m, _):
            try enterContainer()
            defer { nesting -= 1 }
            try mappingNode(m.dictionary)
        case .object(let o):
            if flavor == .v2 {
                // encoding/json's form of the object, which go-yaml then re-reads.
                let j = try GoJSON.jsonEquivalent(o)
                try node(j, root: root, sequence: sequence, mapping: mapping, simpleKey: simpleKey, item: item)
            } else {
                try node(
                    GoJSON.yamlV3Equivalent(o), root: root, sequence: sequence, mapping: mapping,
                    simpleKey: simpleKey, item: item)
            }
        }
    }

    /// One more map or slice deep. Past `ValueWalk.cycleCheckDepth` the document is checked (once) for a map
    /// holding itself: v2 answers as sigs.k8s.io/yaml does, with json.Marshal's cycle error (Helm's
    /// `mustToYaml`); past `ValueWalk.maxDepth` the walk stops with an error.
    private mutating func enterContainer() throws(GoError) {
        nesting += 1
        guard nesting > ValueWalk.cycleCheckDepth else { return }
        if !cycleChecked {
            cycleChecked = true
            if let t = ValueWalk.jsonCycleTypeName(root) {
                let inner = GoError("json: unsupported value: encountered a cycle via " + t)
                throw flavor == .v2 ? GoError("error marshaling into JSON: " + inner.message, wrapping: inner) : inner
            }
        }
        if nesting > ValueWalk.maxDepth {
            throw GoError("yaml: value nested deeper than \(ValueWalk.maxDepth) levels")
        }
    }

    /// A float64 as the scalar text the encoder writes.
    ///
    /// v2 (through JSON): encoding/json's text, re-resolved by go-yaml — integral values that fit int64 or
    /// uint64 become integers (`1000000`, `-0` → `0`), everything else a float64 printed with `%g`
    /// (`1e+06` can only come from 1e21 and up, `1e-06`, `2.5`). ±Inf and NaN make json.Marshal fail.
    private func floatText(_ f: Double) throws(GoError) -> String {
        if flavor == .v3 {
            if f.isNaN { return ".nan" }
            if f.isInfinite { return f < 0 ? "-.inf" : ".inf" }
            return GoStrconv.formatFloat(f, "g", -1, 64)
        }
        guard f.isFinite else { throw GoError("json: unsupported value: " + GoStrconv.formatFloat(f, "g", -1, 64)) }
        let a = abs(f)
        if a < 1e21 && f == f.rounded(.towardZero) {
            // encoding/json writes %f with the shortest digits, zero-padded: 9223372036854775808 is written
            // 9223372036854776000, which no longer fits int64 but fits uint64.
            if a < 9e15 { return String(Int(f)) }  // exact below 2^53 (and "-0" reads back as 0)
            let text = GoStrconv.formatFloat(f, "f", -1, 64)
            if let i = Int(text) { return String(i) }
            if let u = UInt64(text) { return String(u) }
        }
        return GoStrconv.formatFloat(f, "g", -1, 64)
    }

    private mutating func sequenceNode(_ items: [Value]) throws(GoError) {
        if items.isEmpty || flowLevel > 0 {
            emptyFlow(open: UInt8(ascii: "["), close: UInt8(ascii: "]"))
            return
        }
        let parentIsItem = itemContext
        switch flavor {
        case .v2:
            increaseIndent(flow: false, indentless: mappingContext && !indention)
        case .v3:
            increaseIndentV3(flow: false, indentless: false, item: parentIsItem)
        }
        for item in items {
            writeIndent()
            writeIndicator("-", needWhitespace: true, isWhitespace: false, isIndention: true)
            try node(item, root: false, sequence: true, mapping: false, simpleKey: false, item: true)
        }
        indent = indents.removeLast()
    }

    private mutating func mappingNode(_ m: [String: Value]) throws(GoError) {
        if m.isEmpty || flowLevel > 0 {
            emptyFlow(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"))
            return
        }
        let parentIsItem = itemContext
        switch flavor {
        case .v2: increaseIndent(flow: false, indentless: false)
        case .v3: increaseIndentV3(flow: false, indentless: false, item: parentIsItem)
        }
        let keys = YAMLKeyOrder.sorted(Array(m.keys), v3: flavor == .v3)
        for key in keys {
            writeIndent()
            var keyText = key
            if flavor == .v2 {
                keyText = try Self.throughJSON(key)
                // A raw NEL breaks the JSON object's key across lines, which go-yaml's flow mapping rejects.
                if key.unicodeScalars.contains("\u{85}") {
                    throw GoError("yaml: line 1: did not find expected ',' or '}'")
                }
            }
            let (text, style) = stringStyle(keyText)
            var k = text
            let simple = k.withUTF8 { b in
                b.count <= 128 && !analyze(b).multiline
            }
            if simple {
                setContext(root: false, sequence: false, mapping: true, simpleKey: true, item: false)
                scalar(&k, style)
                writeIndicator(":", needWhitespace: false, isWhitespace: false, isIndention: false)
            } else {
                writeIndicator("?", needWhitespace: true, isWhitespace: false, isIndention: true)
                setContext(root: false, sequence: false, mapping: true, simpleKey: false, item: false)
                scalar(&k, style)
                writeIndent()
                writeIndicator(":", needWhitespace: true, isWhitespace: false, isIndention: true)
            }
            // m[key] is present: the key came from m.
            try node(m[key] ?? .null, root: false, sequence: false, mapping: true, simpleKey: false, item: false)
        }
        indent = indents.removeLast()
    }

    /// An empty collection: libyaml switches to flow style and writes `[]` or `{}`.
    private mutating func emptyFlow(open: UInt8, close: UInt8) {
        writeIndicator(open, needWhitespace: true, isWhitespace: true, isIndention: false)
        writeIndicator(close, needWhitespace: false, isWhitespace: false, isIndention: false)
    }

    // MARK: Scalars

    private mutating func plainScalar(_ s: String) {
        var text = s
        scalar(&text, .plain)
    }

    /// The encoder's `stringv` and the emitter, for a string value.
    private mutating func stringScalar(_ s: String) {
        let (text, style) = stringStyle(s)
        var t = text
        scalar(&t, style)
    }

    /// A string as go-yaml reads it back from encoding/json's text. encoding/json leaves DEL, C1 controls and
    /// U+FFFE/U+FFFF unescaped, which go-yaml's reader rejects; it leaves NEL (U+0085) unescaped too, which
    /// go-yaml reads as a line break inside the double-quoted scalar and folds: spaces around it vanish, a
    /// single NEL becomes a space, n of them n-1 newlines.
    static func throughJSON(_ s: String) throws(GoError) -> String {
        // encoding/json writes bytes that are not UTF-8 (GoByteString) as \ufffd, which go-yaml reads back.
        let s = GoByteString.display(s)
        // Only strings with DEL or non-ASCII characters need the scalar walk.
        guard s.utf8.contains(where: { $0 >= 0x7F }) else { return s }
        var hasNEL = false
        for u in s.unicodeScalars {
            switch u.value {
            case 0x85: hasNEL = true
            case 0x7F, 0x80...0x9F, 0xFFFE, 0xFFFF: throw GoError("yaml: control characters are not allowed")
            default: break
            }
        }
        guard hasNEL else { return s }
        var out = String.UnicodeScalarView()
        let scalars = Array(s.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if scalars[i] == " " || scalars[i] == "\u{85}" {
                // A run of spaces: kept unless a NEL follows.
                var j = i
                while j < scalars.count && scalars[j] == " " { j += 1 }
                guard j < scalars.count && scalars[j] == "\u{85}" else {
                    out.append(contentsOf: scalars[i..<j])
                    i = j
                    continue
                }
                j += 1
                var trailing = 0
                while j < scalars.count && (scalars[j] == " " || scalars[j] == "\u{85}") {
                    if scalars[j] == "\u{85}" { trailing += 1 }
                    j += 1
                }
                if trailing == 0 {
                    out.append(" ")
                } else {
                    for _ in 0..<trailing { out.append("\n") }
                }
                i = j
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return String(out)
    }

    /// go-yaml's `stringv`: literal when the text has a newline, plain when it would read back as the same
    /// string, double-quoted otherwise.
    private func stringStyle(_ s: String) -> (String, ScalarStyle) {
        if s.utf8.contains(10) { return (s, .literal) }
        return (s, Self.canUsePlain(s, v3: flavor == .v3) ? .plain : .doubleQuoted)
    }

    /// Whether go-yaml's encoder may write `s` unquoted: it resolves to `!!str` and is not a YAML 1.1
    /// base-60 float (nor, for v3, a YAML 1.1 boolean).
    static func canUsePlain(_ s: String, v3: Bool) -> Bool {
        guard let c = s.utf8.first else { return false }  // "" resolves to null
        switch c {
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"),
            UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "o"), UInt8(ascii: "O"),
            UInt8(ascii: "~"):
            guard let (tag, _) = try? Resolver.resolve(tag: "", s), tag == Tags.str else { return false }
            return !isBase60Float(s)
        default:
            return true  // go-yaml's resolve table gives no hint: a string
        }
    }

    /// go-yaml's `isBase60Float`: `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`.
    static func isBase60Float(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard let f = b.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") || (f >= 48 && f <= 57),
            b.contains(UInt8(ascii: ":"))
        else { return false }
        func digit(_ i: Int) -> Bool { i < b.count && b[i] >= 48 && b[i] <= 57 }
        var i = 0
        if b[0] == UInt8(ascii: "+") || b[0] == UInt8(ascii: "-") { i = 1 }
        guard digit(i) else { return false }
        i += 1
        while i < b.count && (digit(i) || b[i] == UInt8(ascii: "_")) { i += 1 }
        var groups = 0
        while i < b.count && b[i] == UInt8(ascii: ":") {
            i += 1
            if digit(i) && b[i] <= UInt8(ascii: "5") && digit(i + 1) {
                i += 2
            } else if digit(i) {
                i += 1
            } else {
                return false
            }
            groups += 1
        }
        guard groups > 0 else { return false }
        if i < b.count && b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count && (digit(i) || b[i] == UInt8(ascii: "_")) { i += 1 }
        }
        return i == b.count
    }

    /// libyaml's `yaml_emitter_analyze_scalar`.
    func analyze(_ value: UnsafeBufferPointer<UInt8>) -> ScalarAnalysis {
        var a = ScalarAnalysis()
        if value.isEmpty { return a }
        var blockIndicators = false, flowIndicators = false, lineBreaks = false, specialCharacters = false
        var tabCharacters = false
        var leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false
        var breakSpace = false, spaceBreak = false
        var previousSpace = false, previousBreak = false
        if value.count >= 3
            && ((value[0] == 0x2D && value[1] == 0x2D && value[2] == 0x2D)
                || (value[0] == 0x2E && value[1] == 0x2E && value[2] == 0x2E))
        {
            blockIndicators = true
            flowIndicators = true
        }
        var precededByWhitespace = true
        var i = 0
        while i < value.count {
            let c = value[i]
            let w = width(c)
            let followedByWhitespace = i + w >= value.count || isBlank(value, i + w)
            if i == 0 {
                switch c {
                case UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                    UInt8(ascii: "}"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
                    UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
                    UInt8(ascii: "`"):
                    flowIndicators = true
                    blockIndicators = true
                case UInt8(ascii: "?"), UInt8(ascii: ":"):
                    flowIndicators = true
                    if followedByWhitespace { blockIndicators = true }
                case UInt8(ascii: "-"):
                    if followedByWhitespace {
                        flowIndicators = true
                        blockIndicators = true
                    }
                default: break
                }
            } else {
                switch c {
                case UInt8(ascii: ","), UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                    UInt8(ascii: "}"):
                    flowIndicators = true
                case UInt8(ascii: ":"):
                    flowIndicators = true
                    if followedByWhitespace { blockIndicators = true }
                case UInt8(ascii: "#"):
                    if precededByWhitespace {
                        flowIndicators = true
                        blockIndicators = true
                    }
                default: break
                }
            }
            if flavor == .v3 && c == 0x09 {
                tabCharacters = true
            } else if !isPrintable(value, i) {
                specialCharacters = true
            }
            if c == 0x20 {
                if i == 0 { leadingSpace = true }
                if i + w == value.count { trailingSpace = true }
                if previousBreak { breakSpace = true }
                previousSpace = true
                previousBreak = false
            } else if isBreak(value, i) {
                lineBreaks = true
                if i == 0 { leadingBreak = true }
                if i + w == value.count { trailingBreak = true }
                if previousSpace { spaceBreak = true }
                previousSpace = false
                previousBreak = true
            } else {
                previousSpace = false
                previousBreak = false
            }
            precededByWhitespace = isBlankZ(value, i)
            i += w
        }
        a.multiline = lineBreaks
        a.flowPlainAllowed = true
        a.blockPlainAllowed = true
        a.singleQuotedAllowed = true
        a.blockAllowed = true
        if leadingSpace || leadingBreak || trailingSpace || trailingBreak {
            a.flowPlainAllowed = false
            a.blockPlainAllowed = false
        }
        if trailingSpace { a.blockAllowed = false }
        if breakSpace {
            a.flowPlainAllowed = false
            a.blockPlainAllowed = false
            a.singleQuotedAllowed = false
        }
        if spaceBreak || tabCharacters || specialCharacters {
            a.flowPlainAllowed = false
            a.blockPlainAllowed = false
            a.singleQuotedAllowed = false
        }
        if spaceBreak || specialCharacters { a.blockAllowed = false }
        if lineBreaks {
            a.flowPlainAllowed = false
            a.blockPlainAllowed = false
        }
        if flowIndicators { a.flowPlainAllowed = false }
        if blockIndicators { a.blockPlainAllowed = false }
        return a
    }

    /// libyaml's `yaml_emitter_select_scalar_style` (implicit tags only).
    private func selectStyle(_ requested: ScalarStyle, _ a: ScalarAnalysis, empty: Bool) -> ScalarStyle {
        var style = requested
        if simpleKeyContext && a.multiline { style = .doubleQuoted }
        if style == .plain {
            if (flowLevel > 0 && !a.flowPlainAllowed) || (flowLevel == 0 && !a.blockPlainAllowed) {
                style = .singleQuoted
            }
            if empty && (flowLevel > 0 || simpleKeyContext) { style = .singleQuoted }
        }
        if style == .singleQuoted && !a.singleQuotedAllowed { style = .doubleQuoted }
        if style == .literal || style == .folded {
            if !a.blockAllowed || flowLevel > 0 || simpleKeyContext { style = .doubleQuoted }
        }
        return style
    }

    /// libyaml's `yaml_emitter_emit_scalar`: style, indentation for continuation lines, the text.
    private mutating func scalar(_ text: inout String, _ requested: ScalarStyle) {
        text.withUTF8 { value in
            let a = analyze(value)
            let style = selectStyle(requested, a, empty: value.isEmpty)
            switch flavor {
            case .v2: increaseIndent(flow: true, indentless: false)
            case .v3: increaseIndentV3(flow: true, indentless: false, item: itemContext)
            }
            switch style {
            case .plain: writePlain(value, allowBreaks: !simpleKeyContext)
            case .singleQuoted: writeSingleQuoted(value, allowBreaks: !simpleKeyContext)
            case .doubleQuoted: writeDoubleQuoted(value, allowBreaks: !simpleKeyContext)
            case .literal: writeLiteral(value)
            case .folded: writeFolded(value)
            }
            indent = indents.removeLast()
        }
    }

    // MARK: Indentation and output

    private mutating func increaseIndent(flow: Bool, indentless: Bool) {
        indents.append(indent)
        if indent < 0 {
            indent = flow ? bestIndent : 0
        } else if !indentless {
            indent += bestIndent
        }
    }

    /// v3's `yaml_emitter_increase_indent_compact` without compact sequences.
    private mutating func increaseIndentV3(flow: Bool, indentless: Bool, item: Bool) {
        indents.append(indent)
        if indent < 0 {
            indent = flow ? bestIndent : 0
        } else if !indentless {
            if item {
                indent += 2
            } else {
                indent = bestIndent * ((indent + bestIndent) / bestIndent)
            }
        }
    }

    @inline(__always) private mutating func put(_ c: UInt8) {
        out.append(c)
        column += 1
    }

    @inline(__always) private mutating func putBreak() {
        out.append(10)
        column = 0
        if flavor == .v3 { indention = true }
    }

    /// Copies one UTF-8 character (one column).
    @inline(__always) private mutating func write(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) {
        let w = min(width(b[i]), b.count - i)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<(i + w)]))
        column += 1
        i += w
    }

    private mutating func writeBreak(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) {
        if b[i] == 10 {
            putBreak()
            i += 1
        } else {
            write(b, &i)
            column = 0
        }
        // v2's callers set this after every break; v3 sets it here.
        indention = true
    }

    mutating func writeIndent() {
        let ind = max(indent, 0)
        if !indention || column > ind || (column == ind && !whitespace) {
            putBreak()
        }
        while column < ind { put(0x20) }
        whitespace = true
        if flavor == .v2 { indention = true }
    }

    private mutating func writeIndicator(_ indicator: UInt8, needWhitespace: Bool, isWhitespace: Bool, isIndention: Bool) {
        if needWhitespace && !whitespace { put(0x20) }
        put(indicator)
        whitespace = isWhitespace
        indention = indention && isIndention
    }

    private mutating func writeIndicator(
        _ indicator: Unicode.Scalar, needWhitespace: Bool, isWhitespace: Bool,
        isIndention: Bool
    ) {
        writeIndicator(
            UInt8(ascii: indicator), needWhitespace: needWhitespace, isWhitespace: isWhitespace,
            isIndention: isIndention)
    }

    private mutating func writePlain(_ value: UnsafeBufferPointer<UInt8>, allowBreaks: Bool) {
        if !whitespace && (flavor == .v2 || !value.isEmpty) { put(0x20) }
        var spaces = false, breaks = false
        var i = 0
        while i < value.count {
            if value[i] == 0x20 {
                if allowBreaks && !spaces && column > bestWidth && !isSpace(value, i + 1) {
                    writeIndent()
                    i += 1
                } else {
                    write(value, &i)
                }
                spaces = true
            } else if isBreak(value, i) {
                if !breaks && value[i] == 10 { putBreak() }
                writeBreak(value, &i)
                if flavor == .v2 { indention = true }
                breaks = true
            } else {
                if breaks { writeIndent() }
                write(value, &i)
                indention = false
                spaces = false
                breaks = false
            }
        }
        if flavor == .v2 || !value.isEmpty { whitespace = false }
        indention = false
    }

    private mutating func writeSingleQuoted(_ value: UnsafeBufferPointer<UInt8>, allowBreaks: Bool) {
        writeIndicator("'", needWhitespace: true, isWhitespace: false, isIndention: false)
        var spaces = false, breaks = false
        var i = 0
        while i < value.count {
            if value[i] == 0x20 {
                if allowBreaks && !spaces && column > bestWidth && i > 0 && i < value.count - 1
                    && !isSpace(value, i + 1)
                {
                    writeIndent()
                    i += 1
                } else {
                    write(value, &i)
                }
                spaces = true
            } else if isBreak(value, i) {
                if !breaks && value[i] == 10 { putBreak() }
                writeBreak(value, &i)
                if flavor == .v2 { indention = true }
                breaks = true
            } else {
                if breaks { writeIndent() }
                if value[i] == UInt8(ascii: "'") { put(UInt8(ascii: "'")) }
                write(value, &i)
                indention = false
                spaces = false
                breaks = false
            }
        }
        writeIndicator("'", needWhitespace: false, isWhitespace: false, isIndention: false)
        whitespace = false
        indention = false
    }

    private mutating func writeDoubleQuoted(_ value: UnsafeBufferPointer<UInt8>, allowBreaks: Bool) {
        writeIndicator("\"", needWhitespace: true, isWhitespace: false, isIndention: false)
        // libyaml's is_bom looks at the start of the value, whatever the position: a value that starts with a
        // BOM has every character escaped.
        let bom = value.count >= 3 && value[0] == 0xEF && value[1] == 0xBB && value[2] == 0xBF
        var spaces = false
        var i = 0
        while i < value.count {
            let c = value[i]
            if !isPrintable(value, i) || bom || isBreak(value, i) || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") {
                var w = width(c)
                var v: UInt32
                switch w {
                case 1: v = UInt32(c & 0x7F)
                case 2: v = UInt32(c & 0x1F)
                case 3: v = UInt32(c & 0x0F)
                default: v = UInt32(c & 0x07)
                }
                var k = 1
                while k < w {
                    v = (v << 6) + UInt32(at(value, i + k) & 0x3F)
                    k += 1
                }
                i += w
                put(UInt8(ascii: "\\"))
                switch v {
                case 0x00: put(UInt8(ascii: "0"))
                case 0x07: put(UInt8(ascii: "a"))
                case 0x08: put(UInt8(ascii: "b"))
                case 0x09: put(UInt8(ascii: "t"))
                case 0x0A: put(UInt8(ascii: "n"))
                case 0x0B: put(UInt8(ascii: "v"))
                case 0x0C: put(UInt8(ascii: "f"))
                case 0x0D: put(UInt8(ascii: "r"))
                case 0x1B: put(UInt8(ascii: "e"))
                case 0x22: put(UInt8(ascii: "\""))
                case 0x5C: put(UInt8(ascii: "\\"))
                case 0x85: put(UInt8(ascii: "N"))
                case 0xA0: put(UInt8(ascii: "_"))
                case 0x2028: put(UInt8(ascii: "L"))
                case 0x2029: put(UInt8(ascii: "P"))
                default:
                    if v <= 0xFF {
                        put(UInt8(ascii: "x"))
                        w = 2
                    } else if v <= 0xFFFF {
                        put(UInt8(ascii: "u"))
                        w = 4
                    } else {
                        put(UInt8(ascii: "U"))
                        w = 8
                    }
                    var shift = (w - 1) * 4
                    while shift >= 0 {
                        let d = UInt8((v >> UInt32(shift)) & 0x0F)
                        put(d < 10 ? d + 48 : d + 55)
                        shift -= 4
                    }
                }
                spaces = false
            } else if c == 0x20 {
                if allowBreaks && !spaces && column > bestWidth && i > 0 && i < value.count - 1 {
                    writeIndent()
                    if isSpace(value, i + 1) { put(UInt8(ascii: "\\")) }
                    i += 1
                } else {
                    write(value, &i)
                }
                spaces = true
            } else {
                write(value, &i)
                spaces = false
            }
        }
        writeIndicator("\"", needWhitespace: false, isWhitespace: false, isIndention: false)
        whitespace = false
        indention = false
    }

    /// libyaml's `yaml_emitter_write_block_scalar_hints`: `2` when the text starts with a space or break,
    /// `-` without a final break, `+` with more than one.
    private mutating func writeBlockHints(_ value: UnsafeBufferPointer<UInt8>) {
        if isSpace(value, 0) || isBreak(value, 0) {
            writeIndicator(UInt8(48 + bestIndent), needWhitespace: false, isWhitespace: false, isIndention: false)
        }
        var chomp: UInt8 = 0
        if value.isEmpty {
            chomp = UInt8(ascii: "-")
        } else {
            var i = value.count - 1
            while i > 0 && value[i] & 0xC0 == 0x80 { i -= 1 }
            if !isBreak(value, i) {
                chomp = UInt8(ascii: "-")
            } else if i == 0 {
                chomp = UInt8(ascii: "+")
            } else {
                i -= 1
                while i > 0 && value[i] & 0xC0 == 0x80 { i -= 1 }
                if isBreak(value, i) { chomp = UInt8(ascii: "+") }
            }
        }
        if chomp != 0 { writeIndicator(chomp, needWhitespace: false, isWhitespace: false, isIndention: false) }
    }

    private mutating func writeLiteral(_ value: UnsafeBufferPointer<UInt8>) {
        writeIndicator("|", needWhitespace: true, isWhitespace: false, isIndention: false)
        writeBlockHints(value)
        putBreak()
        indention = true
        whitespace = true
        var breaks = true
        var i = 0
        while i < value.count {
            if isBreak(value, i) {
                writeBreak(value, &i)
                if flavor == .v2 { indention = true }
                breaks = true
            } else {
                if breaks { writeIndent() }
                write(value, &i)
                indention = false
                breaks = false
            }
        }
    }

    private mutating func writeFolded(_ value: UnsafeBufferPointer<UInt8>) {
        writeIndicator(">", needWhitespace: true, isWhitespace: false, isIndention: false)
        writeBlockHints(value)
        putBreak()
        indention = true
        whitespace = true
        var breaks = true
        var leadingSpaces = true
        var i = 0
        while i < value.count {
            if isBreak(value, i) {
                if !breaks && !leadingSpaces && value[i] == 10 {
                    var k = 0
                    while isBreak(value, k) { k += width(value[k]) }
                    if !isBlankZ(value, k) { putBreak() }
                }
                writeBreak(value, &i)
                if flavor == .v2 { indention = true }
                breaks = true
            } else {
                if breaks {
                    writeIndent()
                    leadingSpaces = isBlank(value, i)
                }
                if !breaks && value[i] == 0x20 && !isSpace(value, i + 1) && column > bestWidth {
                    writeIndent()
                    i += 1
                } else {
                    write(value, &i)
                }
                indention = false
                breaks = false
            }
        }
    }
}
