// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
// JSON Schema validation of chart values as Helm v4 does it (pkg/chart/common/util/jsonschema.go, which uses
// santhosh-tekuri/jsonschema v6.0.2): the keyword set charts use, that library's evaluation order and its error
// text ("- at '/a/b': got string, want integer"), and Helm's per-chart header.
//
// `pattern` and `patternProperties` use our RE2 engine (the library compiles them with Go's `regexp`).
// Gaps: numbers compare as Double (the library uses big.Rat); remote `$ref`s (http, file, urn) and `$id`-relative refs,
// `$dynamicRef` and `$recursiveRef` are not implemented; object properties (and `dependencies`, `propertyNames`,
// `dependentSchemas` entries, and what `unevaluated*` finds) are visited in sorted or schema order (Go visits
// maps in random order, so Helm's own order of several errors at one level varies between runs).

import Foundation
import GoRegex
import GoRuntime

/// A parsed JSON document (numbers keep their literal text, as Go's `json.Number` does).
public indirect enum JSONNode: Sendable {
    case null
    case bool(Bool)
    case number(Double, String)
    case string(String)
    case array([JSONNode])
    case object([(String, JSONNode)])

    subscript(key: String) -> JSONNode? {
        if case .object(let kv) = self { return kv.first { $0.0 == key }?.1 }
        return nil
    }
}

/// A minimal JSON parser for schema documents.
struct JSONParser {
    let b: [UInt8]
    var i = 0

    init(_ bytes: [UInt8]) { b = bytes }

    struct Failure: Error { var message: String }

    static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONNode {
        var p = JSONParser(bytes)
        let v = try p.value()
        p.ws()
        if p.i != p.b.count { throw Failure(message: "invalid character after top-level value") }
        return v
    }

    mutating func ws() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
    }

    mutating func lit(_ s: String, _ v: JSONNode) throws(Failure) -> JSONNode {
        let u = Array(s.utf8)
        guard i + u.count <= b.count, Array(b[i..<i + u.count]) == u else { throw Failure(message: "invalid literal") }
        i += u.count
        return v
    }

    mutating func value() throws(Failure) -> JSONNode {
        ws()
        guard i < b.count else { throw Failure(message: "unexpected EOF") }
        switch b[i] {
        case UInt8(ascii: "n"): return try lit("null", .null)
        case UInt8(ascii: "t"): return try lit("true", .bool(true))
        case UInt8(ascii: "f"): return try lit("false", .bool(false))
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "["):
            i += 1
            var a: [JSONNode] = []
            ws()
            if i < b.count, b[i] == UInt8(ascii: "]") { i += 1; return .array(a) }
            while true {
                a.append(try value())
                ws()
                guard i < b.count else { throw Failure(message: "unexpected EOF") }
                if b[i] == UInt8(ascii: ",") { i += 1; continue }
                if b[i] == UInt8(ascii: "]") { i += 1; return .array(a) }
                throw Failure(message: "invalid character in array")
            }
        case UInt8(ascii: "{"):
            i += 1
            var o: [(String, JSONNode)] = []
            ws()
            if i < b.count, b[i] == UInt8(ascii: "}") { i += 1; return .object(o) }
            while true {
                ws()
                guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw Failure(message: "expected object key") }
                let k = try string()
                ws()
                guard i < b.count, b[i] == UInt8(ascii: ":") else { throw Failure(message: "expected colon") }
                i += 1
                let v = try value()
                if let idx = o.firstIndex(where: { $0.0 == k }) { o[idx].1 = v } else { o.append((k, v)) }
                ws()
                guard i < b.count else { throw Failure(message: "unexpected EOF") }
                if b[i] == UInt8(ascii: ",") { i += 1; continue }
                if b[i] == UInt8(ascii: "}") { i += 1; return .object(o) }
                throw Failure(message: "invalid character in object")
            }
        default:
            let start = i
            while i < b.count, "+-0123456789.eE".utf8.contains(b[i]) { i += 1 }
            let text = String(decoding: b[start..<i], as: UTF8.self)
            guard !text.isEmpty, let d = Double(text) else { throw Failure(message: "invalid character") }
            return .number(d, text)
        }
    }

    mutating func string() throws(Failure) -> String {
        i += 1
        var out: [UInt8] = []
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") { i += 1; return String(decoding: out, as: UTF8.self) }
            if c == UInt8(ascii: "\\") {
                i += 1
                guard i < b.count else { break }
                switch b[i] {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    guard i + 4 < b.count, var cp = UInt32(String(decoding: b[i + 1...i + 4], as: UTF8.self), radix: 16)
                    else { throw Failure(message: "invalid escape") }
                    i += 4
                    if (0xD800..<0xDC00).contains(cp), i + 6 < b.count, b[i + 1] == UInt8(ascii: "\\"),
                        b[i + 2] == UInt8(ascii: "u"),
                        let lo = UInt32(String(decoding: b[i + 3...i + 6], as: UTF8.self), radix: 16),
                        (0xDC00..<0xE000).contains(lo)
                    {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00)
                        i += 6
                    }
                    out.append(contentsOf: Array(String(Unicode.Scalar(cp).map(Character.init) ?? "\u{FFFD}").utf8))
                default: out.append(b[i])
                }
                i += 1
                continue
            }
            out.append(c)
            i += 1
        }
        throw Failure(message: "unexpected EOF in string")
    }
}

/// One validation error: santhosh-tekuri/jsonschema's `ValidationError` (instance location, message, causes).
struct SchemaError {
    var location: [String]
    var message: String
    var causes: [SchemaError] = []
    /// A `$ref` wrapper (displayed only when it has several causes).
    var isRef = false
    var isGroup = false

    func display(into s: inout String, indent: Int) {
        var indent = indent
        let skip = isRef && causes.count == 1
        if !skip {
            if indent > 0 {
                s += "\n" + String(repeating: "  ", count: indent - 1) + "- "
            }
            indent += 1
            s +=
                "at "
                + schemaQuote(
                    location.map {
                        "/"
                            + $0.replacingOccurrences(of: "~", with: "~0")
                            .replacingOccurrences(of: "/", with: "~1")
                    }.joined()) + ": " + message
        }
        for c in causes { c.display(into: &s, indent: indent) }
    }
}

/// The library's `quote`: Go's `%q` with `"` unescaped and `'` escaped, in single quotes.
func schemaQuote(_ s: String) -> String {
    // As the library does it, on the whole quoted text: a trailing `\\` and the closing quote make a `\"` too.
    let q = GoStrconv.quote(s).replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "'", with: "\\'")
    return "'" + String(q.dropFirst().dropLast()) + "'"
}

/// `%v` of a float64 through golang.org/x/text/message's English printer: digits grouped by commas.
func schemaNumber(_ d: Double) -> String {
    let s = GoFmt.sprintf("%v", [.float(d)])
    if s.contains("e") || s.contains("Inf") || s.contains("NaN") { return s }
    var neg = false
    var body = Substring(s)
    if body.hasPrefix("-") { neg = true; body = body.dropFirst() }
    let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let intPart = Array(parts[0])
    var grouped = ""
    for (n, c) in intPart.enumerated() {
        if n > 0 && (intPart.count - n) % 3 == 0 { grouped += "," }
        grouped.append(c)
    }
    return (neg ? "-" : "") + grouped + (parts.count > 1 ? "." + parts[1] : "")
}

/// A JSON Schema document compiled for validating Helm values.
public struct JSONSchemaValidator: Sendable {
    let root: JSONNode
    /// Draft year: 4, 6, 7, 2019, 2020 (no `$schema`: 2020, the library's default).
    let draft: Int
    private var regexCache: [String: GoRegexp?] = [:]

    /// Parses a `values.schema.json` document.
    public init(json: [UInt8]) throws(ChartError) {
        do {
            root = try JSONParser.parse(json)
        } catch {
            throw ChartError(error.message)
        }
        if case .string(let s)? = root["$schema"] {
            // Byte search (Foundation's `contains` would bridge to NSString, which costs more than the check).
            func has(_ part: String) -> Bool { s.utf8.firstRange(of: part.utf8) != nil }
            if has("draft-04") {
                draft = 4
            } else if has("draft-06") {
                draft = 6
            } else if has("draft-07") {
                draft = 7
            } else if has("2019-09") {
                draft = 2019
            } else {
                draft = 2020
            }
        } else {
            draft = 2020
        }
    }

    /// Validates `values`; nil when valid, else the library's error text after Helm trimmed its prefix (every
    /// line `- at '…': …`, with a trailing newline, as `JSONSchemaValidationError.Error()` returns it).
    public func validate(_ values: Value) -> String? {
        var v = self
        guard let err = v.check(root, values, []) else { return nil }
        let causes = err.isGroup ? err.causes : [err]
        var s = ""
        for c in causes { c.display(into: &s, indent: 1) }
        if s.hasPrefix("\n") { s.removeFirst() }
        return s + "\n"
    }

    // MARK: evaluation

    private static let typeOrder = ["null", "boolean", "number", "integer", "string", "array", "object"]

    private static func typeName(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .bool: return "boolean"
        case .int, .float: return "number"
        case .string: return "string"
        case .slice, .bytes: return "array"
        case .map: return "object"
        case .object: return "object"
        }
    }

    private static func number(_ v: Value) -> Double? {
        switch v {
        case .int(let i, _): return Double(i)
        case .float(let f): return f
        default: return nil
        }
    }

    private static func isInteger(_ v: Value) -> Bool {
        switch v {
        case .int: return true
        case .float(let f): return f.isFinite && f == f.rounded()
        default: return false
        }
    }

    private static func equals(_ v: Value, _ j: JSONNode) -> Bool {
        switch (v, j) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (_, .number(let d, _)): return number(v) == d
        case (.slice(let a, _), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { equals($0, $1) }
        case (.map(let m, _), .object(let kv)):
            return m.count == kv.count && kv.allSatisfy { k, jv in m.dictionary[k].map { equals($0, jv) } ?? false }
        default: return false
        }
    }

    private static func valuesEqual(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.slice(let x, _), .slice(let y, _)):
            return x.count == y.count && zip(x, y).allSatisfy { valuesEqual($0, $1) }
        case (.map(let x, _), .map(let y, _)):
            let dx = x.dictionary, dy = y.dictionary
            return dx.count == dy.count && dx.allSatisfy { k, v in dy[k].map { valuesEqual(v, $0) } ?? false }
        default:
            if let x = number(a), let y = number(b) { return x == y }
            return false
        }
    }

    private static func display(_ j: JSONNode) -> String {
        switch j {
        case .string(let s): return schemaQuote(s)
        case .number(_, let t): return t
        case .bool(let b): return b ? "true" : "false"
        case .null: return "<nil>"
        default: return "value"
        }
    }

    /// `$ref` targets already found (a chart's schema refers to its definitions again and again, and each
    /// look-up walks objects key by key).
    private var refCache: [String: JSONNode?] = [:]

    private mutating func resolve(_ ref: String) -> JSONNode? {
        if let known = refCache[ref] { return known }
        let found = lookUp(ref)
        refCache[ref] = .some(found)
        return found
    }

    private func lookUp(_ ref: String) -> JSONNode? {
        guard ref.hasPrefix("#") else { return nil }
        var node = root
        let ptr = String(ref.dropFirst())
        if ptr.isEmpty { return node }
        guard ptr.hasPrefix("/") else { return nil }
        for raw in ptr.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var tok = String(raw)
            if tok.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "~") }) {
                tok = (tok.removingPercentEncoding ?? tok)
                    .replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            }
            switch node {
            case .object: guard let n = node[tok] else { return nil }; node = n
            case .array(let a): guard let i = Int(tok), i >= 0, i < a.count else { return nil }; node = a[i]
            default: return nil
            }
        }
        return node
    }

    private mutating func regex(_ p: String) -> GoRegexp? {
        if let r = regexCache[p] { return r }
        let r = GoRegexp(p)
        regexCache[p] = .some(r)
        return r
    }

    private mutating func matches(_ p: String, _ s: String) -> Bool {
        guard let r = regex(p) else { return true }
        return r.matches(s)
    }

    private func err(_ loc: [String], _ msg: String, _ causes: [SchemaError] = []) -> SchemaError {
        SchemaError(location: loc, message: msg, causes: causes)
    }

    /// Validates the value `v` at `loc` against `s` on its own (the library's `validateVal`).
    mutating func check(_ s: JSONNode, _ v: Value, _ loc: [String], depth: Int = 0) -> SchemaError? {
        var evaluated = Unevaluated()
        return validate(s, v, loc, depth: depth, callerNeeds: false, &evaluated)
    }

    /// Validates the same value against a subschema (`allOf`, `$ref`, `then` …: the library's
    /// `validateSelf`); when it passes, what it evaluated counts as evaluated here too.
    private mutating func checkSelf(
        _ s: JSONNode, _ v: Value, _ loc: [String], _ depth: Int,
        _ unevaluated: inout Unevaluated
    ) -> SchemaError? {
        var sub = Unevaluated()
        let e = validate(s, v, loc, depth: depth + 1, callerNeeds: !unevaluated.isEmpty, &sub)
        if e == nil { unevaluated.keepOnly(sub) }
        return e
    }

    /// The properties and items of the value not yet evaluated by any keyword (2019-09's
    /// `unevaluatedProperties`/`unevaluatedItems`); tracked only where a schema or its caller asks.
    struct Unevaluated {
        var props: Set<String> = []
        var items: Set<Int> = []
        var isEmpty: Bool { props.isEmpty && items.isEmpty }
        /// The library's `uneval.merge`: what the other left unevaluated stays so here.
        mutating func keepOnly(_ other: Unevaluated) {
            props.formIntersection(other.props)
            items.formIntersection(other.items)
        }
    }

    /// The library's `unevalFrom`, with the schema facts its compiler precomputes (`allPropsEvaluated`,
    /// `allItemsEvaluated`, `numItemsEvaluated`).
    private func unevaluatedFrom(_ v: Value, _ s: JSONNode, callerNeeds: Bool) -> Unevaluated {
        var out = Unevaluated()
        let object: Bool
        if case .object = s { object = true } else { object = false }
        let uneval2019 = object && draft >= 2019
        switch v {
        case .map(let m, _):
            let all = object && s["additionalProperties"] != nil && !(draft < 2019 && s["$ref"] != nil)
            if !all && (callerNeeds || (uneval2019 && s["unevaluatedProperties"] != nil)) {
                out.props = Set(m.keys)
            }
        case .slice(let a, _):
            var all = false
            var counted = 0
            if object {
                if draft < 2020 {
                    if case .array(let tuple)? = s["items"] {
                        counted = tuple.count
                        all = s["additionalItems"] != nil
                    } else if s["items"] != nil {
                        all = true
                    }
                } else {
                    all = s["items"] != nil
                    if case .array(let prefix)? = s["prefixItems"] { counted = prefix.count }
                }
            }
            if !all && (callerNeeds || (uneval2019 && s["unevaluatedItems"] != nil)) && counted < a.count {
                out.items = Set(counted..<a.count)
            }
        default:
            break
        }
        return out
    }

    /// Validates `v` at `loc` against `s`; the library's `validator.validate`. `unevaluated` starts as the
    /// library's `unevalFrom` and ends as what this schema left unevaluated.
    private mutating func validate(
        _ s: JSONNode, _ v: Value, _ loc: [String], depth: Int, callerNeeds: Bool,
        _ unevaluated: inout Unevaluated
    ) -> SchemaError? {
        unevaluated = unevaluatedFrom(v, s, callerNeeds: callerNeeds)
        if case .bool(let b) = s { return b ? nil : err(loc, "false schema") }
        guard case .object = s, depth < 200 else { return nil }
        var errors: [SchemaError] = []
        // Before 2019-09 a `$ref` hides the draft-4 keywords beside it (the library's compiler stops there);
        // `const` (draft 6) is still checked, and the `$ref` ends the schema's checks.
        let refOnly = draft < 2019 && s["$ref"] != nil

        if !refOnly, let t = s["type"] {
            var want: [String] = []
            if case .string(let x) = t { want = [x] }
            if case .array(let xs) = t { want = xs.compactMap { if case .string(let x) = $0 { x } else { nil } } }
            if !want.isEmpty {
                let got = Self.typeName(v)
                let ok = want.contains(got) || (want.contains("integer") && got == "number" && Self.isInteger(v))
                if !ok { return err(loc, "got \(got), want \(Self.typeOrder.filter(want.contains).joined(separator: " or "))") }
            }
        }
        if draft >= 6, let c = s["const"], !Self.equals(v, c) {
            if case .array = c { return err(loc, "'const' failed") }
            if case .object = c { return err(loc, "'const' failed") }
            return err(loc, "value must be \(Self.display(c))")
        }
        if !refOnly, case .array(let items)? = s["enum"], !items.contains(where: { Self.equals(v, $0) }) {
            let primitive = !items.contains { if case .array = $0 { true } else if case .object = $0 { true } else { false } }
            if !primitive { return err(loc, "'enum' failed") }
            if items.count == 1 { return err(loc, "value must be \(Self.display(items[0]))") }
            return err(loc, "value must be one of " + items.map(Self.display).joined(separator: ", "))
        }
        // format: asserted for drafts 4, 6 and 7 (an annotation from 2019-09 on); before 2019-09 a `$ref` hides it.
        if JSONSchemaFormats.asserted(draft: draft), s["$ref"] == nil, case .string(let f)? = s["format"],
            let message = JSONSchemaFormats.check(format: f, value: v)
        {
            return err(loc, message)
        }

        if case .string(let ref)? = s["$ref"] {
            if let target = resolve(ref), let e = checkSelf(target, v, loc, depth, &unevaluated) {
                var r = err(loc, "validation failed")
                r.isRef = true
                r.causes = e.isGroup ? e.causes : [e]
                if draft < 2019 { return r }
                errors.append(r)
            } else if draft < 2019 {
                return nil
            }
        }

        switch v {
        case .map(let m, _): checkObject(s, m.dictionary, v, loc, depth, &unevaluated, &errors)
        case .slice(let a, _): checkArray(s, a, loc, depth, &unevaluated, &errors)
        case .string(let str): checkString(s, str, loc, &errors)
        case .int, .float: checkNumber(s, Self.number(v) ?? 0, loc, &errors)
        default: break
        }

        checkConditionals(s, v, loc, depth, &unevaluated, &errors)

        // unevaluatedProperties / unevaluatedItems: what no keyword of this schema (or of a subschema that
        // passed) evaluated.
        if draft >= 2019 {
            if case .map(let m, _) = v, let up = s["unevaluatedProperties"] {
                for key in unevaluated.props.sorted() {
                    if let pv = m[key], let e = check(up, pv, loc + [key], depth: depth + 1) { errors.append(e) }
                }
                unevaluated.props = []
            }
            if case .slice(let a, _) = v, let ui = s["unevaluatedItems"] {
                for i in unevaluated.items.sorted() where i < a.count {
                    if let e = check(ui, a[i], loc + [String(i)], depth: depth + 1) { errors.append(e) }
                }
                unevaluated.items = []
            }
        }

        switch errors.count {
        case 0: return nil
        case 1: return errors[0]
        default:
            var g = err(loc, "validation failed", errors)
            g.isGroup = true
            return g
        }
    }

    private func int(_ s: JSONNode, _ k: String) -> Int? {
        if case .number(let d, _)? = s[k] { return Int(d) }
        return nil
    }

    private func num(_ s: JSONNode, _ k: String) -> Double? {
        if case .number(let d, _)? = s[k] { return d }
        return nil
    }

    private mutating func checkObject(
        _ s: JSONNode, _ obj: [String: Value], _ value: Value, _ loc: [String],
        _ depth: Int, _ unevaluated: inout Unevaluated, _ errors: inout [SchemaError]
    ) {
        if let n = int(s, "minProperties"), obj.count < n {
            errors.append(err(loc, "minProperties: got \(obj.count), want \(n)"))
        }
        if let n = int(s, "maxProperties"), obj.count > n {
            errors.append(err(loc, "maxProperties: got \(obj.count), want \(n)"))
        }
        if case .array(let req)? = s["required"] {
            let missing = Self.missing(req, in: obj)
            if missing.count == 1 {
                errors.append(err(loc, "missing property \(schemaQuote(missing[0]))"))
            } else if !missing.isEmpty {
                errors.append(err(loc, "missing properties " + missing.map(schemaQuote).joined(separator: ", ")))
            }
        }
        // dependencies (every draft compiles it): a list of properties the named one requires, or a schema the
        // whole object must then meet.
        if case .object(let deps)? = s["dependencies"] {
            for (p, dep) in deps where obj[p] != nil {
                if case .array(let req) = dep {
                    if let e = requiredIf(p, req, obj, loc) { errors.append(e) }
                } else if let e = checkSelf(dep, value, loc, depth, &unevaluated) {
                    errors.append(e)
                }
            }
        }
        var additional: [String] = []
        let props = s["properties"]
        var patterns: [(String, JSONNode)] = []
        if case .object(let kv)? = s["patternProperties"] { patterns = kv }
        for key in obj.keys.sorted() {
            let pv = obj[key]!
            var evaluated = false
            if let ps = props?[key] {
                evaluated = true
                if let e = check(ps, pv, loc + [key], depth: depth + 1) { errors.append(e) }
            }
            for (p, ps) in patterns where matches(p, key) {
                evaluated = true
                if let e = check(ps, pv, loc + [key], depth: depth + 1) { errors.append(e) }
            }
            if !evaluated, let ap = s["additionalProperties"] {
                evaluated = true
                if case .bool(let b) = ap {
                    if !b { additional.append(key) }
                } else if let e = check(ap, pv, loc + [key], depth: depth + 1) {
                    errors.append(e)
                }
            }
            if evaluated { unevaluated.props.remove(key) }
        }
        if !additional.isEmpty {
            errors.append(
                err(
                    loc,
                    "additional properties " + additional.map(schemaQuote).joined(separator: ", ")
                        + " not allowed"))
        }
        if draft == 4 { return }
        // propertyNames: each name validated as a string on its own (the library reports it at '').
        if let names = s["propertyNames"] {
            for key in obj.keys.sorted() {
                if let e = check(names, .string(key), [], depth: depth + 1) {
                    errors.append(err([], "invalid propertyName \(schemaQuote(key))", e.isGroup ? e.causes : [e]))
                }
            }
        }
        if draft < 2019 { return }
        if case .object(let deps)? = s["dependentSchemas"] {
            for (p, dep) in deps where obj[p] != nil {
                if let e = checkSelf(dep, value, loc, depth, &unevaluated) { errors.append(e) }
            }
        }
        if case .object(let deps)? = s["dependentRequired"] {
            for (p, reqNode) in deps where obj[p] != nil {
                guard case .array(let req) = reqNode else { continue }
                if let e = requiredIf(p, req, obj, loc) { errors.append(e) }
            }
        }
    }

    /// The names in a `required`-style list that the object lacks, in the list's order.
    private static func missing(_ required: [JSONNode], in obj: [String: Value]) -> [String] {
        required.compactMap { if case .string(let k) = $0, obj[k] == nil { k } else { nil } }
    }

    /// `dependencies` (list form) and `dependentRequired`: the library's error when `property` is present
    /// and some of `required` are not.
    private func requiredIf(
        _ property: String, _ required: [JSONNode], _ obj: [String: Value],
        _ loc: [String]
    ) -> SchemaError? {
        let missing = Self.missing(required, in: obj)
        if missing.isEmpty { return nil }
        return err(
            loc,
            "properties " + missing.map(schemaQuote).joined(separator: ", ")
                + " required, if \(schemaQuote(property)) exists")
    }

    private mutating func checkArray(
        _ s: JSONNode, _ arr: [Value], _ loc: [String], _ depth: Int,
        _ unevaluated: inout Unevaluated, _ errors: inout [SchemaError]
    ) {
        if let n = int(s, "minItems"), arr.count < n {
            errors.append(err(loc, "minItems: got \(arr.count), want \(n)"))
        }
        if let n = int(s, "maxItems"), arr.count > n {
            errors.append(err(loc, "maxItems: got \(arr.count), want \(n)"))
        }
        if case .bool(true)? = s["uniqueItems"], arr.count > 1 {
            outer: for i in 0..<arr.count {
                for j in (i + 1)..<arr.count where Self.valuesEqual(arr[i], arr[j]) {
                    errors.append(err(loc, "items at \(i) and \(j) are equal"))
                    break outer
                }
            }
        }
        if draft < 2020 {
            var evaluated = 0
            if case .array(let tuple)? = s["items"] {
                evaluated = min(arr.count, tuple.count)
                for i in 0..<evaluated {
                    if let e = check(tuple[i], arr[i], loc + [String(i)], depth: depth + 1) { errors.append(e) }
                }
            } else if let items = s["items"] {
                for (i, item) in arr.enumerated() {
                    if let e = check(items, item, loc + [String(i)], depth: depth + 1) { errors.append(e) }
                }
                evaluated = arr.count
            }
            // additionalItems counts only beside a list of item schemas.
            if case .array? = s["items"], let ai = s["additionalItems"] {
                if case .bool(let b) = ai {
                    if !b && evaluated != arr.count {
                        errors.append(err(loc, "last \(arr.count - evaluated) additionalItem(s) not allowed"))
                    }
                } else {
                    // The library numbers these from 0 (its own quirk); kept.
                    for (i, item) in arr[evaluated...].enumerated() {
                        if let e = check(ai, item, loc + [String(i)], depth: depth + 1) { errors.append(e) }
                    }
                }
            }
        } else {
            var prefix: [JSONNode] = []
            if case .array(let p)? = s["prefixItems"] { prefix = p }
            let evaluated = min(prefix.count, arr.count)
            for i in 0..<evaluated {
                if let e = check(prefix[i], arr[i], loc + [String(i)], depth: depth + 1) { errors.append(e) }
            }
            if let items = s["items"] {
                // The library numbers the items after prefixItems from 0 (its own quirk); kept.
                for (i, item) in arr[evaluated...].enumerated() {
                    if let e = check(items, item, loc + [String(i)], depth: depth + 1) { errors.append(e) }
                }
            }
        }
        // contains (draft 6 on), with minContains/maxContains from 2019-09.
        if draft >= 6, let contains = s["contains"] {
            var failures: [SchemaError] = []
            var matched: [Int] = []
            for (i, item) in arr.enumerated() {
                if let e = check(contains, item, loc + [String(i)], depth: depth + 1) {
                    failures.append(e)
                } else {
                    matched.append(i)
                    if draft >= 2020 { unevaluated.items.remove(i) }
                }
            }
            let at = matched.map(String.init).joined(separator: " ")
            if draft >= 2019, let least = int(s, "minContains") {
                if matched.count < least {
                    let got = matched.isEmpty ? "none matched" : "matched \(matched.count) items at \(at)"
                    errors.append(err(loc, "min \(least) items required to match contains schema, but \(got)", failures))
                }
            } else if matched.isEmpty {
                errors.append(err(loc, "no items match contains schema", failures))
            }
            if draft >= 2019, let most = int(s, "maxContains"), matched.count > most {
                errors.append(
                    err(
                        loc,
                        "max \(most) items required to match contains schema, but matched "
                            + "\(matched.count) items at \(at)"))
            }
        }
    }

    private mutating func checkString(_ s: JSONNode, _ str: String, _ loc: [String], _ errors: inout [SchemaError]) {
        let n = str.unicodeScalars.count
        if let m = int(s, "minLength"), n < m { errors.append(err(loc, "minLength: got \(n), want \(m)")) }
        if let m = int(s, "maxLength"), n > m { errors.append(err(loc, "maxLength: got \(n), want \(m)")) }
        if case .string(let p)? = s["pattern"], !matches(p, str) {
            errors.append(err(loc, "\(schemaQuote(str)) does not match pattern \(schemaQuote(p))"))
        }
    }

    private func checkNumber(_ s: JSONNode, _ d: Double, _ loc: [String], _ errors: inout [SchemaError]) {
        if let m = num(s, "minimum"), d < m {
            errors.append(err(loc, "minimum: got \(schemaNumber(d)), want \(schemaNumber(m))"))
        }
        if let m = num(s, "maximum"), d > m {
            errors.append(err(loc, "maximum: got \(schemaNumber(d)), want \(schemaNumber(m))"))
        }
        // Draft 4's boolean exclusiveMinimum/exclusiveMaximum modify minimum/maximum.
        if case .bool(true)? = s["exclusiveMinimum"], let m = num(s, "minimum"), d == m {
            errors.append(err(loc, "exclusiveMinimum: got \(schemaNumber(d)), want \(schemaNumber(m))"))
        }
        if case .bool(true)? = s["exclusiveMaximum"], let m = num(s, "maximum"), d == m {
            errors.append(err(loc, "exclusiveMaximum: got \(schemaNumber(d)), want \(schemaNumber(m))"))
        }
        if let m = num(s, "exclusiveMinimum"), d <= m {
            errors.append(err(loc, "exclusiveMinimum: got \(schemaNumber(d)), want \(schemaNumber(m))"))
        }
        if let m = num(s, "exclusiveMaximum"), d >= m {
            errors.append(err(loc, "exclusiveMaximum: got \(schemaNumber(d)), want \(schemaNumber(m))"))
        }
        if let m = num(s, "multipleOf"), m != 0 {
            let q = d / m
            if !(q.isFinite && q == q.rounded()) {
                errors.append(err(loc, "multipleOf: got \(schemaNumber(d)), want \(schemaNumber(m))"))
            }
        }
    }

    private mutating func checkConditionals(
        _ s: JSONNode, _ v: Value, _ loc: [String], _ depth: Int,
        _ unevaluated: inout Unevaluated, _ errors: inout [SchemaError]
    ) {
        if let n = s["not"], checkSelf(n, v, loc, depth, &unevaluated) == nil {
            errors.append(err(loc, "'not' failed"))
        }
        if case .array(let subs)? = s["allOf"], !subs.isEmpty {
            var es: [SchemaError] = []
            for sub in subs { if let e = checkSelf(sub, v, loc, depth, &unevaluated) { es.append(e) } }
            if !es.isEmpty { errors.append(err(loc, "'allOf' failed", es)) }
        }
        if case .array(let subs)? = s["anyOf"], !subs.isEmpty {
            var es: [SchemaError] = []
            var matched = false
            for sub in subs {
                if let e = checkSelf(sub, v, loc, depth, &unevaluated) {
                    es.append(e)
                } else {
                    matched = true
                    // Every branch is tried while something is left to mark evaluated.
                    if unevaluated.isEmpty { break }
                }
            }
            if !matched { errors.append(err(loc, "'anyOf' failed", es)) }
        }
        if case .array(let subs)? = s["oneOf"], !subs.isEmpty {
            var matched = -1
            var es: [SchemaError] = []
            for (i, sub) in subs.enumerated() {
                if let e = checkSelf(sub, v, loc, depth, &unevaluated) {
                    if matched == -1 { es.append(e) }
                } else if matched == -1 {
                    matched = i
                } else {
                    errors.append(err(loc, "'oneOf' failed, subschemas \(matched), \(i) matched"))
                    break
                }
            }
            if matched == -1 { errors.append(err(loc, "'oneOf' failed, none matched", es)) }
        }
        if draft >= 7, let cond = s["if"] {
            if checkSelf(cond, v, loc, depth, &unevaluated) == nil {
                if let t = s["then"], let e = checkSelf(t, v, loc, depth, &unevaluated) { errors.append(e) }
            } else if let e = s["else"], let x = checkSelf(e, v, loc, depth, &unevaluated) {
                errors.append(x)
            }
        }
    }
}

/// Helm's `ValidateAgainstSchema`: the chart's schema against `values`, then each subchart's against
/// `values[subchart]`; nil when everything validates, else the text after Helm's
/// `values don't meet the specifications of the schema(s) in the following chart(s):\n` prefix.
public func validateAgainstSchema(chart: LoadedChart, values: [String: Value]) -> String? {
    var out = ""
    if let schema = chart.schema {
        do {
            let v = try JSONSchemaValidator(json: schema)
            if let e = v.validate(.map(GoMap(values), .anyMap)) { out += chart.name + ":\n" + e }
        } catch {
            out += chart.name + ":\n" + error.message
        }
    }
    for sub in chart.dependencies {
        guard let raw = values[sub.name], !raw.isNull else { continue }
        guard case .map(let m, _) = raw else {
            out += "\(sub.name):\ninvalid type for values: expected object (map), got " + GoFmt.sprintf("%T", [raw]) + "\n"
            continue
        }
        if let e = validateAgainstSchema(chart: sub, values: m.dictionary) { out += e }
    }
    return out.isEmpty ? nil : out
}
