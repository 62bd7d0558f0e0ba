// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Foundation
import GoRuntime
import Testing

@testable import YAMLKit

// MARK: - Helpers

/// Structural equality for the values the loader produces (floats compared bit-for-bit up to NaN).
func same(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.int(let x, let k), .int(let y, let l)): return x == y && k == l
    case (.float(let x), .float(let y)): return x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN)
    case (.string(let x), .string(let y)): return x == y
    case (.slice(let x, let t), .slice(let y, let u)):
        return t == u && x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
    case (.map(let x, let t), .map(let y, let u)):
        guard t == u, x.count == y.count else { return false }
        for (k, v) in x {
            guard let w = y[k], same(v, w) else { return false }
        }
        return true
    case (.bytes(let x), .bytes(let y)): return x == y
    default: return false
    }
}

/// A short readable rendering for failure messages.
func show(_ v: Value) -> String {
    switch v {
    case .null: return "null"
    case .bool(let b): return "\(b)"
    case .int(let i, let k): return "\(k.name)(\(i))"
    case .float(let f): return "float(\(f))"
    case .string(let s): return "\"\(s)\""
    case .slice(let a, _): return "[" + a.map(show).joined(separator: ", ") + "]"
    case .map(let m, _): return "{" + m.keys.sorted().map { "\($0): \(show(m[$0] ?? .null))" }.joined(separator: ", ") + "}"
    case .bytes(let b): return "bytes\(b)"
    case .object(let o): return "<\(o.goTypeName)>"
    }
}

private func f(_ d: Double) -> Value { .float(d) }
private func s(_ t: String) -> Value { .string(t) }
private func list(_ items: Value...) -> Value { .list(items) }
private func dict(_ pairs: KeyValuePairs<String, Value>) -> Value {
    var m: [String: Value] = [:]
    for (k, v) in pairs { m[k] = v }
    return .dict(m)
}

/// What a row expects: a value, or an error's full text (as the called API's Go counterpart prints it).
enum Expect: Sendable, CustomStringConvertible {
    case value(Value)
    case error(String)

    var description: String {
        switch self {
        case .value(let v): return show(v)
        case .error(let e): return "error: " + e
        }
    }
}

private func check(_ result: Result<Value, YAMLError>, _ expect: Expect, _ input: String) {
    switch (result, expect) {
    case (.success(let got), .value(let want)):
        #expect(same(got, want), "\(input.debugDescription): got \(show(got)), want \(show(want))")
    case (.failure(let got), .error(let want)):
        #expect(got.description == want, "\(input.debugDescription): got \(got.description)")
    case (.success(let got), .error(let want)):
        Issue.record("\(input.debugDescription): got \(show(got)), want error \(want)")
    case (.failure(let got), .value(let want)):
        Issue.record("\(input.debugDescription): got error \(got.description), want \(show(want))")
    }
}

private func loadValuesResult(_ text: String) -> Result<Value, YAMLError> {
    do throws(YAMLError) { return .success(try YAML.loadValues(text)) } catch { return .failure(error) }
}

private func loadResult(_ text: String) -> Result<Value, YAMLError> {
    do throws(YAMLError) { return .success(try YAML.load(text)) } catch { return .failure(error) }
}

// MARK: - Scalars: the text after `v: ` in a values file

/// Errors of a values file read `cannot unmarshal yaml document: ` + sigs.k8s.io/yaml's text.
private let conv = "cannot unmarshal yaml document: error converting YAML to JSON: "

let scalarRows: [(String, Expect)] = [
    // Numbers: every one a float64 after the JSON round trip.
    ("123456", .value(f(123456))),
    ("1000000", .value(f(1e6))),
    ("-1000000", .value(f(-1e6))),
    ("12345678901234567890", .value(f(1.2345678901234567e19))),  // uint64, then float64
    ("9223372036854775807", .value(f(9223372036854775808))),
    ("-9223372036854775809", .value(f(-9.223372036854776e18))),  // past int64: the float syntax
    ("18446744073709551616", .value(f(1.8446744073709552e19))),  // past uint64: the float syntax
    ("1.5", .value(f(1.5))),
    ("2.0", .value(f(2))),
    ("1e3", .value(f(1000))),
    ("1E3", .value(f(1000))),
    ("1.5e-3", .value(f(0.0015))),
    ("0.0001", .value(f(0.0001))),
    (".5", .value(f(0.5))),
    ("-.5", .value(f(-0.5))),
    ("+.5", .value(f(0.5))),
    ("5.", .value(f(5))),
    ("017", .value(f(15))),  // YAML 1.1 / Go octal
    ("0o17", .value(f(15))),
    ("0O17", .value(f(15))),
    ("0x1F", .value(f(31))),
    ("0X1f", .value(f(31))),
    ("-0x10", .value(f(-16))),
    ("0b101", .value(f(5))),
    ("+12", .value(f(12))),
    ("08", .value(f(8))),  // not octal: falls through to the float syntax
    ("09.5", .value(f(9.5))),
    ("1_000", .value(f(1000))),
    ("1__0", .value(f(10))),
    ("1_000.5", .value(f(1000.5))),
    ("0x_1F", .value(f(31))),
    ("0", .value(f(0))),
    ("-0", .value(f(0))),  // an int: +0
    ("-0.0", .value(f(-0.0))),  // a float: -0 survives JSON
    ("1e400", .value(s("1e400"))),  // ParseFloat range error: a string
    (".5e400", .value(s(".5e400"))),
    ("0x", .value(s("0x"))),
    ("0xG", .value(s("0xG"))),
    ("1e", .value(s("1e"))),
    ("1.2.3", .value(s("1.2.3"))),
    ("1:30", .value(s("1:30"))),  // no sexagesimal in go-yaml v2
    ("12:30:45", .value(s("12:30:45"))),
    ("2024-01-15", .value(s("2024-01-15"))),  // timestamps stay text
    ("2001-12-14t21:59:43.10-05:00", .value(s("2001-12-14t21:59:43.10-05:00"))),
    ("1.0.0", .value(s("1.0.0"))),
    ("_1", .value(s("_1"))),
    ("- 1", .error(conv + "yaml: block sequence entries are not allowed in this context")),
    ("\n  - 1", .value(list(f(1)))),
    ("inf", .value(s("inf"))),
    ("nan", .value(s("nan"))),
    (".Nan", .value(s(".Nan"))),
    ("Infinity", .value(s("Infinity"))),
    // Special floats cannot become JSON.
    (".inf", .error(conv + "json: unsupported value: +Inf")),
    (".Inf", .error(conv + "json: unsupported value: +Inf")),
    ("+.INF", .error(conv + "json: unsupported value: +Inf")),
    ("-.inf", .error(conv + "json: unsupported value: -Inf")),
    (".nan", .error(conv + "json: unsupported value: NaN")),
    (".NAN", .error(conv + "json: unsupported value: NaN")),
    ("[1, .inf]", .error(conv + "json: unsupported value: +Inf")),
    // YAML 1.1 booleans.
    ("y", .value(.bool(true))), ("Y", .value(.bool(true))), ("yes", .value(.bool(true))),
    ("Yes", .value(.bool(true))), ("YES", .value(.bool(true))), ("true", .value(.bool(true))),
    ("True", .value(.bool(true))), ("TRUE", .value(.bool(true))), ("on", .value(.bool(true))),
    ("On", .value(.bool(true))), ("ON", .value(.bool(true))),
    ("n", .value(.bool(false))), ("N", .value(.bool(false))), ("no", .value(.bool(false))),
    ("No", .value(.bool(false))), ("NO", .value(.bool(false))), ("false", .value(.bool(false))),
    ("False", .value(.bool(false))), ("FALSE", .value(.bool(false))), ("off", .value(.bool(false))),
    ("Off", .value(.bool(false))), ("OFF", .value(.bool(false))),
    ("yES", .value(s("yES"))), ("tRUE", .value(s("tRUE"))), ("oN", .value(s("oN"))),
    // Nulls.
    ("~", .value(.null)), ("null", .value(.null)), ("Null", .value(.null)), ("NULL", .value(.null)),
    ("", .value(.null)), ("nULL", .value(s("nULL"))),
    // Quoting makes strings.
    ("\"yes\"", .value(s("yes"))), ("'123'", .value(s("123"))), ("\"~\"", .value(s("~"))),
    ("''", .value(s(""))), ("\"\"", .value(s(""))), ("'it''s'", .value(s("it's"))),
    ("\"a\\tb\\u00e9\"", .value(s("a\tbé"))), ("\"\\x41\\n\"", .value(s("A\n"))),
    ("hello world", .value(s("hello world"))), ("héllo ☃", .value(s("héllo ☃"))),
    ("a#b", .value(s("a#b"))), ("abc # comment", .value(s("abc"))), ("\"a: b\"", .value(s("a: b"))),
    ("<<", .value(s("<<"))), ("!!merge <<", .value(s("<<"))),
    // Tags.
    ("!!int \"42\"", .value(f(42))),
    ("!!int 0x1F", .value(f(31))),
    ("!!float 3", .value(f(3))),
    ("!!float \"1.5\"", .value(f(1.5))),
    ("!!str 5", .value(s("5"))),
    ("!!str true", .value(s("true"))),
    ("!!str", .value(s(""))),
    ("!!bool \"yes\"", .value(.bool(true))),
    ("!!null \"\"", .value(.null)),
    ("!!binary aGVsbG8=", .value(s("hello"))),
    ("!!binary |\n  aGVs\n  bG8=", .value(s("hello"))),
    ("!custom 5", .value(s("5"))),
    ("! 12", .value(s("12"))),
    ("!<tag:yaml.org,2002:int> \"7\"", .value(f(7))),
    ("!!timestamp 2024-01-15", .value(s("2024-01-15"))),
    ("!!timestamp 2024-01-15T10:20:30.5Z", .value(s("2024-01-15T10:20:30.5Z"))),
    ("!!int \"abc\"", .error(conv + "yaml: cannot decode !!str `abc` as a !!int")),
    ("!!int 1.5", .error(conv + "yaml: cannot decode !!float `1.5` as a !!int")),
    ("!!float abc", .error(conv + "yaml: cannot decode !!str `abc` as a !!float")),
    ("!!float 12345678901234567890", .error(conv + "yaml: cannot decode !!int `12345678901234567890` as a !!float")),
    ("!!bool 1", .error(conv + "yaml: cannot decode !!int `1` as a !!bool")),
    ("!!int", .error(conv + "yaml: cannot decode !!null `` as a !!int")),
    ("!!null foo", .error(conv + "yaml: cannot decode !!str `foo` as a !!null")),
    ("!!timestamp 2024-13-45", .error(conv + "yaml: cannot decode !!str `2024-13-45` as a !!timestamp")),
    ("!!timestamp 2023-02-29", .error(conv + "yaml: cannot decode !!str `2023-02-29` as a !!timestamp")),
    ("!!binary \"***\"", .error(conv + "yaml: !!binary value contains invalid base64 data")),
    // Block and multi-line scalars.
    ("|\n  line1\n  line2\n", .value(s("line1\nline2\n"))),
    ("|-\n  line1\n  line2\n", .value(s("line1\nline2"))),
    ("|+\n  line1\n\n\nw: 1\n", .value(s("line1\n\n\n"))),
    (">\n  folded\n  text\n\n  para\n", .value(s("folded text\npara\n"))),
    (">-\n  folded\n  text\n", .value(s("folded text"))),
    ("|2\n    indented\n", .value(s("  indented\n"))),
    ("first\n  second\n  third\n", .value(s("first second third"))),
    ("\"first\n  second\"\n", .value(s("first second"))),
    ("'a\n\n  b'\n", .value(s("a\nb"))),
]

@Test(arguments: scalarRows)
func scalar(_ text: String, _ expect: Expect) {
    let yaml = "v: " + text + "\n"
    switch (loadValuesResult(yaml), expect) {
    case (.success(.map(let m, _)), .value(let want)):
        let got = m["v"] ?? .null
        #expect(same(got, want), "v: \(text.debugDescription): got \(show(got)), want \(show(want))")
    case (let r, let e):
        check(r, e, yaml)
    }
}

// MARK: - Whole documents through the values loader

let documentRows: [(String, Expect)] = [
    // Map keys become strings (sigs.k8s.io/yaml's convertToJSONableObject).
    ("1: one\n", .value(dict(["1": s("one")]))),
    ("1.5: a\n2.0: b\n", .value(dict(["1.5": s("a"), "2": s("b")]))),
    ("0.1: a\n", .value(dict(["0.1": s("a")]))),
    ("0.1234567891: a\n", .value(dict(["0.12345679": s("a")]))),  // float keys use float32 precision
    ("123456789.0: a\n", .value(dict(["1.2345679e+08": s("a")]))),
    ("1e10: a\n", .value(dict(["1e+10": s("a")]))),
    ("1000000: a\n", .value(dict(["1000000": s("a")]))),  // int keys stay decimal
    ("0x1F: a\n", .value(dict(["31": s("a")]))),
    ("true: a\nn: b\n", .value(dict(["true": s("a"), "false": s("b")]))),
    ("yes: 1\nno: 2\n", .value(dict(["true": f(1), "false": f(2)]))),
    (".inf: a\n-.inf: b\n.nan: c\n", .value(dict([".inf": s("a"), "-.inf": s("b"), ".nan": s("c")]))),
    ("\"1\": a\n", .value(dict(["1": s("a")]))),
    ("a.b: dotted\n", .value(dict(["a.b": s("dotted")]))),
    ("ключ: значение\n", .value(dict(["ключ": s("значение")]))),
    ("2024-01-15: d\n", .value(dict(["2024-01-15": s("d")]))),
    (
        "m:\n  null: a\n  ~: b\n",
        .error(conv + "unsupported map key of type: %!s(<nil>), key: <nil>, value: \"b\"")
    ),
    (
        "~: {a: 1}\n",
        .error(conv + "unsupported map key of type: %!s(<nil>), key: <nil>, value: map[interface {}]interface {}{\"a\":1}")
    ),
    (
        "~: [1, \"x\", ~, 1.5, 1000000.0]\n",
        .error(conv + "unsupported map key of type: %!s(<nil>), key: <nil>, value: []interface {}{1, \"x\", interface {}(nil), 1.5, 1e+06}")
    ),
    ("~:\n", .error(conv + "unsupported map key of type: %!s(<nil>), key: <nil>, value: <nil>")),
    (
        "12345678901234567890: x\n",
        .error(conv + "unsupported map key of type: uint64, key: 0xab54a98ceb1f0ad2, value: \"x\"")
    ),
    ("? [a, b]\n: x\n", .error(conv + "yaml: invalid map key: []interface {}{\"a\", \"b\"}")),
    ("? {a: 1}\n: x\n", .error(conv + "yaml: invalid map key: map[interface {}]interface {}{\"a\":1}")),
    // Duplicate keys: the last wins.
    ("a: 1\na: 2\n", .value(dict(["a": f(2)]))),
    // Anchors, aliases, merge keys (go-yaml v2 semantics).
    ("a: &x shared\nb: *x\n", .value(dict(["a": s("shared"), "b": s("shared")]))),
    ("a: &m\n  k: v\nb: *m\n", .value(dict(["a": dict(["k": s("v")]), "b": dict(["k": s("v")])]))),
    ("a: &x 1\nb: &x 2\nc: *x\n", .value(dict(["a": f(1), "b": f(2), "c": f(2)]))),
    ("a: &n\nb: *n\n", .value(dict(["a": .null, "b": .null]))),
    (
        "base: &base\n  k1: one\n  k2: two\nb:\n  <<: *base\n  k2: override\n",
        .value(dict(["base": dict(["k1": s("one"), "k2": s("two")]), "b": dict(["k1": s("one"), "k2": s("override")])]))
    ),
    // go-yaml v2 applies a merge where it appears: it overwrites keys set before it.
    (
        "base: &base {k1: one, k2: two}\nb:\n  k2: first\n  <<: *base\n",
        .value(dict(["base": dict(["k1": s("one"), "k2": s("two")]), "b": dict(["k1": s("one"), "k2": s("two")])]))
    ),
    (
        "a: &a {x: 1, w: 1}\nb: &b {w: 2, z: 2}\nm:\n  <<: [*a, *b]\n",
        .value(
            dict([
                "a": dict(["x": f(1), "w": f(1)]), "b": dict(["w": f(2), "z": f(2)]),
                "m": dict(["x": f(1), "w": f(1), "z": f(2)]),
            ]))
    ),
    ("m:\n  <<: {x: 1}\n  w: 2\n", .value(dict(["m": dict(["x": f(1), "w": f(2)])]))),
    ("m:\n  <<: [{x: 1}, {x: 2, z: 3}]\n", .value(dict(["m": dict(["x": f(1), "z": f(3)])]))),
    ("m:\n  !!merge <<: {x: 1}\n", .value(dict(["m": dict(["x": f(1)])]))),
    ("m:\n  \"<<\": {x: 1}\n", .value(dict(["m": dict(["<<": dict(["x": f(1)])])]))),
    ("m:\n  <<: 1\n", .error(conv + "yaml: map merge requires map or sequence of maps as the value")),
    ("m:\n  <<: [1]\n", .error(conv + "yaml: map merge requires map or sequence of maps as the value")),
    ("m:\n  <<:\n", .error(conv + "yaml: map merge requires map or sequence of maps as the value")),
    ("s: &s [1]\nm:\n  <<: *s\n", .error(conv + "yaml: map merge requires map or sequence of maps as the value")),
    ("a: *nope\n", .error(conv + "yaml: unknown anchor 'nope' referenced")),
    ("a: &x [1, *x]\n", .error(conv + "yaml: anchor 'x' value contains itself")),
    ("a: &x {b: *x}\n", .error(conv + "yaml: anchor 'x' value contains itself")),
    // Collections.
    (
        "l: [1, a, true, null, 1.5, [2], {k: v}]\n",
        .value(dict(["l": list(f(1), s("a"), .bool(true), .null, f(1.5), list(f(2)), dict(["k": s("v")]))]))
    ),
    ("l:\n  - name: a\n    v: 1\n  - name: b\n", .value(dict(["l": list(dict(["name": s("a"), "v": f(1)]), dict(["name": s("b")]))]))),
    ("l:\n- a\n- b\n", .value(dict(["l": list(s("a"), s("b"))]))),
    ("m: {x: 1, y: two}\n", .value(dict(["m": dict(["x": f(1), "true": s("two")])]))),
    ("a: {b: {c: {d: {e: deep}}}}\n", .value(dict(["a": dict(["b": dict(["c": dict(["d": dict(["e": s("deep")])])])])]))),
    ("e: \"\"\nk: null\n", .value(dict(["e": s(""), "k": .null]))),
    ("y: 1\nn: 2\n", .value(dict(["true": f(1), "false": f(2)]))),  // YAML 1.1 keys
    ("l: []\nm: {}\n", .value(dict(["l": list(), "m": dict([:])]))),
    ("a: 1\r\nb: two\r\n", .value(dict(["a": f(1), "b": s("two")]))),
    ("\u{FEFF}a: 1\n", .value(dict(["a": f(1)]))),
    // Empty documents and multiple documents (merged by Helm's loader).
    ("", .value(dict([:]))),
    ("# just a comment\n", .value(dict([:]))),
    ("~\n", .value(dict([:]))),
    ("---\n", .value(dict([:]))),
    ("---\na: 1\n", .value(dict(["a": f(1)]))),
    ("a: 1\nb: 1\n---\nb: 2\nc: 3\n", .value(dict(["a": f(1), "b": f(2), "c": f(3)]))),
    ("m: {a: 1, b: 1}\n---\nm: {b: 2}\n", .value(dict(["m": dict(["a": f(1), "b": f(2)])]))),
    ("m: {a: 1}\n---\nm: null\n", .value(dict(["m": .null]))),
    ("a: 1\n--- # comment\nb: 2\n", .value(dict(["a": f(1), "b": f(2)]))),
    ("a: 1\n...\nb: 2\n", .value(dict(["a": f(1)]))),  // go-yaml reads only the first YAML document
    ("a: 1\n--- b\n", .error("error reading yaml document: invalid Yaml document separator: b")),
    ("a: 1\n----\n", .error("error reading yaml document: invalid Yaml document separator: -")),
    ("a: 1\n---\nb: [\n", .error(conv + "yaml: line 1: did not find expected node content")),  // lines count per document
    // Top-level nodes that are not maps.
    (
        "- a\n- b\n",
        .error(
            "cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}"
        )
    ),
    (
        "just a string\n",
        .error(
            "cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type map[string]interface {}"
        )
    ),
    (
        "42\n",
        .error(
            "cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go value of type map[string]interface {}"
        )
    ),
    (
        "yes\n",
        .error(
            "cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal bool into Go value of type map[string]interface {}"
        )
    ),
    // Syntax errors: go-yaml's line numbering (scanner errors 1-based, parser errors 0-based, none on line 0).
    ("a: [1, 2", .error(conv + "yaml: line 1: did not find expected ',' or ']'")),
    ("a: {b: 1", .error(conv + "yaml: line 1: did not find expected ',' or '}'")),
    ("a:\n\tb: 1\n", .error(conv + "yaml: line 2: found character that cannot start any token")),
    ("a: b: c\n", .error(conv + "yaml: mapping values are not allowed in this context")),
    ("a: 1\nb: c: d\n", .error(conv + "yaml: line 2: mapping values are not allowed in this context")),
    ("a: b\n  c: d\n", .error(conv + "yaml: line 2: mapping values are not allowed in this context")),
    ("a:\n  b: 1\n c: 2\n", .error(conv + "yaml: line 2: did not find expected key")),
    ("a: 1\n- b\n", .error(conv + "yaml: line 1: did not find expected key")),
    ("- a\nb: 1\n", .error(conv + "yaml: line 1: did not find expected '-' indicator")),
    ("a: *\n", .error(conv + "yaml: did not find expected alphabetic or numeric character")),
    ("a: \"\\q\"\n", .error(conv + "yaml: found unknown escape character")),
    ("a: 'open\n", .error(conv + "yaml: line 2: found unexpected end of stream")),
    ("a: \u{1}\n", .error(conv + "yaml: control characters are not allowed")),
    // Helm's document splitter cuts a directive off its document.
    ("%YAML 1.1\n---\na: 1\n", .error(conv + "yaml: line 1: did not find expected <document start>")),
    // A syntax error anywhere in the document wins over a decode error before it.
    ("a: !!int x\nb: [\n", .error(conv + "yaml: line 2: did not find expected node content")),
    // An unknown anchor is found while parsing, before a syntax error after it.
    ("a: *x\nb: [\n", .error(conv + "yaml: unknown anchor 'x' referenced")),
    // Decode errors come before key-conversion errors, which come before JSON errors.
    ("~: 1\na: !!int x\n", .error(conv + "yaml: cannot decode !!str `x` as a !!int")),
    ("a: .inf\n~: 1\n", .error(conv + "unsupported map key of type: %!s(<nil>), key: <nil>, value: 1")),
    ("b: .nan\na: -.inf\n", .error(conv + "json: unsupported value: -Inf")),  // encoding order: sorted keys
]

@Test(arguments: documentRows)
func document(_ text: String, _ expect: Expect) {
    check(loadValuesResult(text), expect, text)
}

// MARK: - sigs.k8s.io/yaml Unmarshal into interface{}, map and slice (fromYaml, fromYamlArray)

let unmarshalRows: [(String, Expect)] = [
    ("", .value(.null)),
    ("~", .value(.null)),
    ("5", .value(f(5))),
    ("- a\n- 1\n- {k: v}", .value(list(s("a"), f(1), dict(["k": s("v")])))),
    ("b: [x, y, n]", .value(dict(["b": list(s("x"), .bool(true), .bool(false))]))),
    ("a: 1\n---\nb: 2\n", .value(dict(["a": f(1)]))),  // only the first document
    ("a: 1\n--- [\n", .value(dict(["a": f(1)]))),  // the second document is never parsed
    ("a: [1, 2", .error("error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'")),
    ("a:\n\tb: 1", .error("error converting YAML to JSON: yaml: line 2: found character that cannot start any token")),
    (".inf", .error("error converting YAML to JSON: json: unsupported value: +Inf")),
    ("%YAML 1.1\n---\na: 1\n", .value(dict(["a": f(1)]))),
    ("%YAML 1.2\n---\na: 1\n", .error("error converting YAML to JSON: yaml: found incompatible YAML document")),
]

@Test(arguments: unmarshalRows)
func unmarshal(_ text: String, _ expect: Expect) {
    check(loadResult(text), expect, text)
}

@Test func loadMapAndArray() throws {
    #expect(try YAML.loadMap("").isEmpty)
    #expect(try YAML.loadMap("a: 1\na: 2").count == 1)
    #expect(try YAML.loadArray("").isEmpty)
    #expect(try YAML.loadArray("- a\n- 1").count == 2)
    do {
        _ = try YAML.loadMap("- a\n- b")
        Issue.record("expected an error")
    } catch {
        #expect(error.description == "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}")
    }
    do {
        _ = try YAML.loadArray("a: 1")
        Issue.record("expected an error")
    } catch {
        #expect(error.description == "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go value of type []interface {}")
    }
}

@Test func errorCarriesLine() {
    do {
        _ = try YAML.loadValues("a: 1\nb: c: d\n")
        Issue.record("expected an error")
    } catch {
        #expect(error.stage == .yamlToJSON)
        #expect(error.message == "yaml: line 2: mapping values are not allowed in this context")
        #expect(error.line == 2)
        #expect(error.unmarshalDescription == "error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context")
    }
}

/// Nesting limits of a values file, as recorded from Helm (conformance cases `values/nested-*`): go-yaml allows
/// 10000 levels, encoding/json 10000 including the top-level map, so 10000 lists under a key already fail.
@Test(
    arguments: [
        ("v: " + String(repeating: "[", count: 9999) + String(repeating: "]", count: 9999) + "\n", nil),
        (
            "v: " + String(repeating: "[", count: 10000) + String(repeating: "]", count: 10000) + "\n",
            "cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: invalid character '[' exceeded max depth"
        ),
        (
            String(repeating: "[", count: 10000) + String(repeating: "]", count: 10000) + "\n",
            "cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}"
        ),
        (
            "v: " + String(repeating: "{a: ", count: 10000) + "1" + String(repeating: "}", count: 10000) + "\n",
            "cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: invalid character '{' exceeded max depth"
        ),
    ] as [(String, String?)])
func valuesNestingLimit(text: String, error expected: String?) {
    do {
        _ = try YAML.loadValues(text)
        #expect(expected == nil)
    } catch {
        #expect(error.description == expected)
    }
}

/// Bytes that are not UTF-8 are refused by go-yaml's reader, as in Helm (conformance case `values/not-utf8`).
@Test(
    arguments: [
        ([0x61, 0x3A, 0x20, 0x62, 0xFF, 0x63, 0x0A], "yaml: invalid leading UTF-8 octet"),
        ([0x61, 0x3A, 0x20, 0x62, 0x0A, 0x62, 0x3A, 0x20, 0xC3, 0x0A], "yaml: invalid trailing UTF-8 octet"),
        ([0x61, 0x3A, 0x20, 0xC3, 0xA9, 0x0A], nil),
    ] as [([UInt8], String?)])
func valuesBytesMustBeUTF8(bytes: [UInt8], error expected: String?) {
    do {
        _ = try YAML.loadValues(bytes: bytes)
        #expect(expected == nil)
    } catch {
        #expect(error.message == expected)
        #expect(error.description == "cannot unmarshal yaml document: error converting YAML to JSON: " + (expected ?? ""))
    }
}

@Test func flowDepthLimit() {
    let text = "v: " + String(repeating: "[", count: 10001) + String(repeating: "]", count: 10001) + "\n"
    do {
        _ = try YAML.load(text)
        Issue.record("expected an error")
    } catch {
        #expect(error.message == "yaml: exceeded max depth of 10000")
    }
}

@Test func billionLaughsIsRejected() {
    var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    var prev = "a"
    for name in ["b", "c", "d", "e", "f", "g", "h"] {
        text += "\(name): &\(name) [" + Array(repeating: "*\(prev)", count: 10).joined(separator: ", ") + "]\n"
        prev = name
    }
    do {
        _ = try YAML.load(text)
        Issue.record("expected an error")
    } catch {
        #expect(error.message == "yaml: document contains excessive aliasing")
    }
}

// MARK: - The conformance corpus

/// Every `values_yaml` of the conformance cases loads without crashing, and the values cases agree with real
/// Helm on the typing (`%T` is float64 / bool / string) and on the error texts.
@Test func conformanceValuesLoad() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let file = root.appendingPathComponent("Tests/Corpus/conformance/cases.jsonl")
    guard let data = FileManager.default.contents(atPath: file.path), let text = String(data: data, encoding: .utf8) else {
        Issue.record("cannot read \(file.path)")
        return
    }
    var loaded = 0
    for line in text.split(separator: "\n") {
        guard let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
            let yaml = obj["values_yaml"] as? String
        else { continue }
        let id = obj["id"] as? String ?? "?"
        let result = loadValuesResult(yaml)
        loaded += 1
        guard let expect = obj["expect"] as? [String: Any] else { continue }
        if expect["error"] as? Bool == true, let message = expect["message"] as? String,
            message.hasPrefix("Error: INSTALLATION FAILED: cannot load values.yaml: ")
        {
            let want = String(message.dropFirst("Error: INSTALLATION FAILED: cannot load values.yaml: ".count))
            switch result {
            case .failure(let e): #expect(e.description == want, "\(id)")
            case .success: Issue.record("\(id): expected \(want)")
            }
        } else if case .failure(let e) = result {
            Issue.record("\(id): unexpected error \(e.description)")
        }
        // `{{ .Values.v }}|{{ printf "%T" .Values.v }}` rows: check the Go type.
        if obj["template"] as? String == "{{ .Values.v }}|{{ printf \"%T\" .Values.v }}",
            let output = expect["output"] as? String, case .success(.map(let m, _)) = result,
            let type = output.split(separator: "|").last
        {
            let got: String
            switch m["v"] ?? .null {
            case .float: got = "float64"
            case .bool: got = "bool"
            case .string: got = "string"
            default: got = "other"
            }
            #expect(got == String(type), "\(id)")
        }
    }
    #expect(loaded > 1000)
}
