// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import Testing

@testable import YAMLKit

@Suite struct GoTOMLTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var value: Value
        /// The document, or the error text Helm's toToml prints in its place.
        var toml: String
        var testDescription: String { name }
    }

    /// Expectations recorded from Helm v4.1.4 (BurntSushi/toml v1.6.0).
    static let rows: [Row] = [
        Row(
            name: "map", value: .dict(["a": .goInt(1), "b": .string("str"), "c": .bool(true)]),
            toml: "a = 1\nb = \"str\"\nc = true\n"),
        Row(
            name: "nested", value: .dict(["top": .string("v"), "tbl": .dict(["k": .string("v2"), "n": .float(1.5)])]),
            toml: "top = \"v\"\n\n[tbl]\n  k = \"v2\"\n  n = 1.5\n"),
        Row(
            name: "values",
            value: .dict([
                "name": .string("x"), "port": .float(8080),
                "list": .list([.float(1), .float(2)]), "sub": .dict(["k": .string("v")]),
            ]),
            toml: "list = [1.0, 2.0]\nname = \"x\"\nport = 8080.0\n\n[sub]\n  k = \"v\"\n"),
        Row(
            name: "array of tables", value: .dict(["arr": .list([.dict(["a": .goInt(1)]), .dict(["a": .goInt(2)])])]),
            toml: "[[arr]]\n  a = 1\n\n[[arr]]\n  a = 2\n"),
        Row(name: "string scalar", value: .string("str"), toml: "\"str\""),
        Row(name: "top-level list", value: .list([.goInt(1), .goInt(2)]), toml: "[1, 2]"),
        Row(name: "empty", value: .dict([:]), toml: ""),
        Row(name: "nil values", value: .dict(["a": .null, "b": .goInt(1)]), toml: "b = 1\n"),
        Row(name: "special keys", value: .dict(["a b": .goInt(1), "c.d": .goInt(2)]), toml: "\"a b\" = 1\n\"c.d\" = 2\n"),
        Row(name: "multiline string", value: .dict(["s": .string("l1\nl2")]), toml: "s = \"l1\\nl2\"\n"),
        Row(name: "controls", value: .dict(["s": .string("\u{1}\t\"\\\u{7F}")]), toml: "s = \"\\u0001\\t\\\"\\\\\\u007f\"\n"),
        Row(
            name: "floats", value: .list([.float(1e21), .float(0.5), .float(.infinity), .float(-.infinity)]),
            toml: "[1e+21, 0.5, inf, -inf]"),
        Row(
            name: "deep tables", value: .dict(["a": .dict(["x": .goInt(1), "b": .dict(["y": .goInt(2)])])]),
            toml: "[a]\n  x = 1\n  [a.b]\n    y = 2\n"),
        Row(
            name: "tables under tables and arrays of tables",
            value: .dict([
                "a": .dict(["b": .dict(["c": .dict(["d": .goInt(1)])]), "e": .goInt(2)]),
                "f": .list([.dict(["g": .dict(["h": .goInt(1)])])]),
            ]),
            toml: "[a]\n  e = 2\n  [a.b]\n    [a.b.c]\n      d = 1\n\n[[f]]\n  [f.g]\n    h = 1\n"),
        Row(
            name: "inline tables in mixed array", value: .dict(["m": .list([.goInt(1), .dict(["k": .goInt(2), "j": .list([])])])]),
            toml: "m = [1, {j = [], k = 2}]\n"),
        Row(name: "nil element", value: .dict(["a": .list([.null])]), toml: "toml: cannot encode array with nil element"),
        Row(name: "top-level tables", value: .list([.dict([:])]), toml: "toml: top-level values must be Go maps or structs"),
        Row(name: "empty key", value: .dict(["": .goInt(1)]), toml: "\"\" = 1\n"),
    ]

    @Test(arguments: rows)
    func encode(_ r: Row) {
        do {
            #expect(try GoTOML.encode(r.value) == r.toml)
        } catch {
            #expect(error.message == r.toml)
        }
    }

    struct DecodeRow: Sendable, CustomTestStringConvertible {
        var text: String
        /// The decoded document as encoding/json writes it, or the error text.
        var result: String
        var testDescription: String { text }
    }

    static let decodeRows: [DecodeRow] = [
        DecodeRow(text: "a = 1\n[t]\nb = \"x\"", result: "{\"a\":1,\"t\":{\"b\":\"x\"}}"),
        DecodeRow(text: "a = = 1", result: "toml: line 1 (last key \"a\"): expected value but found '=' instead"),
        DecodeRow(
            text: "i = 1_000\nh = 0xff\no = 0o17\nb = 0b101\nf = 1.5e3\nn = -3",
            result:
                "{\"b\":5,\"f\":1500,\"h\":255,\"i\":1000,\"n\":-3,\"o\":15}"),
        DecodeRow(
            text: "s = 'lit\\n'\nt = \"\\u00e9\\t\"\nm = \"\"\"\nab\\\n   c\"\"\"",
            result:
                "{\"m\":\"abc\",\"s\":\"lit\\\\n\",\"t\":\"é\\t\"}"),
        DecodeRow(
            text: "[[x]]\na = 1\n[[x]]\na = 2\n[x.y]\nz = true",
            result:
                "{\"x\":[{\"a\":1},{\"a\":2,\"y\":{\"z\":true}}]}"),
        DecodeRow(
            text: "a.b.c = 1\nd = { e = [1, 2], f.g = \"h\" } # c",
            result:
                "{\"a\":{\"b\":{\"c\":1}},\"d\":{\"e\":[1,2],\"f\":{\"g\":\"h\"}}}"),
        DecodeRow(text: "a = [\n  1,\n  2, # two\n]\n", result: "{\"a\":[1,2]}"),
        DecodeRow(text: "a=1\na=2", result: "toml: line 2 (last key \"a\"): Key 'a' has already been defined."),
        DecodeRow(text: "[a]\nb=1\n[a]\nc=1", result: "toml: line 3: Key 'a' has already been defined."),
        DecodeRow(text: "d = 1979-05-27T07:32:00Z", result: "{\"d\":\"1979-05-27T07:32:00Z\"}"),
    ]

    @Test(arguments: decodeRows)
    func decode(_ r: DecodeRow) {
        do {
            #expect(try GoJSON.marshal(.dict(try GoTOML.decode(r.text))) == r.result)
        } catch {
            #expect(error.message == r.result)
        }
    }

    @Test func decodeTypes() throws {
        let m = try GoTOML.decode("i = 1\nf = 1.5\ns = \"x\"\nb = true")
        #expect(m["i"]?.goType?.name == "int64")
        #expect(m["f"]?.goType?.name == "float64")
        #expect(m["s"]?.goType?.name == "string")
        #expect(m["b"]?.goType?.name == "bool")
    }
}
