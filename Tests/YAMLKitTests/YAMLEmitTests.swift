// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import Testing

@testable import YAMLKit

/// Helm trims the final newline of sigs.k8s.io/yaml's and go-yaml v3's output.
private func trimmed(_ s: String) -> String {
    s.utf8.last == 10 ? String(decoding: s.utf8.dropLast(), as: UTF8.self) : s
}

@Suite struct YAMLEmitTests {
    @Test(arguments: serialCases)
    func toYamlMatchesHelm(_ c: SerialCase) throws {
        let v = try GoJSON.unmarshal(c.input)
        // Helm's toYaml prints nothing when marshalling fails.
        let got = (try? GoYAML.marshal(v)).map(trimmed) ?? ""
        #expect(got == c.toYaml)
    }

    @Test(arguments: serialCases)
    func toYamlPrettyMatchesHelm(_ c: SerialCase) throws {
        let v = try GoJSON.unmarshal(c.input)
        #expect(trimmed(GoYAML.marshalV3(v)) == c.toYamlPretty)
    }

    /// Values that do not come from YAML: Go ints, byte slices, typed slices and maps, and the JSON failures.
    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var value: Value
        var yaml: String?
        var error: String? = nil
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "int", value: .goInt(42), yaml: "42\n"),
        Row(name: "int64 min", value: .int64(Int.min), yaml: "-9223372036854775808\n"),
        Row(name: "uint64 max", value: .int(-1, .uint64), yaml: "18446744073709551615\n"),
        Row(name: "bytes", value: .bytes(Array("hi".utf8)), yaml: "aGk=\n"),
        Row(name: "bytes empty", value: .bytes([]), yaml: "\"\"\n"),
        Row(name: "bytes digits", value: .bytes([0xD3, 0x4D, 0x34]), yaml: "\"0000\"\n"),
        Row(name: "string slice", value: .strings(["a", "yes"]), yaml: "- a\n- \"yes\"\n"),
        Row(name: "string map", value: .map(["b": .string("1"), "a": .string("x")], .stringMap), yaml: "a: x\nb: \"1\"\n"),
        Row(name: "nested list", value: .list([.list([.list([.goInt(1)])])]), yaml: "- - - 1\n"),
        Row(
            name: "list of maps in map", value: .dict(["k": .list([.dict(["a": .goInt(1), "b": .goInt(2)])])]),
            yaml: "k:\n- a: 1\n  b: 2\n"),
        Row(name: "root literal", value: .string("a\nb"), yaml: "|-\n  a\n  b\n"),
        Row(name: "keep chomping", value: .string("a\n\n"), yaml: "|+\n  a\n\n"),
        Row(
            name: "+Inf", value: .float(.infinity), yaml: nil,
            error: "error marshaling into JSON: json: unsupported value: +Inf"),
        Row(
            name: "-Inf deep", value: .dict(["a": .list([.float(-.infinity)])]), yaml: nil,
            error: "error marshaling into JSON: json: unsupported value: -Inf"),
        Row(name: "NaN", value: .float(.nan), yaml: nil, error: "error marshaling into JSON: json: unsupported value: NaN"),
    ]

    @Test(arguments: rows)
    func marshal(_ r: Row) {
        do {
            let out = try GoYAML.marshal(r.value)
            #expect(r.error == nil, "expected an error")
            #expect(out == r.yaml)
        } catch {
            #expect(error.message == r.error)
        }
    }

    @Test func prettyWritesSpecialFloats() {
        #expect(
            GoYAML.marshalV3(.dict(["a": .float(.infinity), "b": .float(-.infinity), "c": .float(.nan)]))
                == "a: .inf\nb: -.inf\nc: .nan\n")
        #expect(GoYAML.marshalV3(.bytes([1, 2])) == "- 1\n- 2\n")
        #expect(GoYAML.marshalV3(.float(1e6)) == "1e+06\n")
    }

    struct KeyRow: Sendable, CustomTestStringConvertible {
        var keys: [String]
        var v2: [String]
        var v3: [String]
        var testDescription: String { keys.joined(separator: ",") }
    }

    /// go-yaml's natural key order; v3 differs where a letter follows a common digit prefix.
    static let keyRows: [KeyRow] = [
        KeyRow(keys: ["b", "a", "C", "_", "10", "9"], v2: ["_", "9", "10", "C", "a", "b"], v3: ["_", "9", "10", "C", "a", "b"]),
        KeyRow(keys: ["a10", "a9", "a09", "a1"], v2: ["a1", "a9", "a09", "a10"], v3: ["a1", "a9", "a09", "a10"]),
        KeyRow(keys: ["1a", "1_"], v2: ["1_", "1a"], v3: ["1a", "1_"]),
        KeyRow(keys: ["ab", "a", "a-b", "a.b"], v2: ["a", "a-b", "a.b", "ab"], v3: ["a", "a-b", "a.b", "ab"]),
        KeyRow(keys: ["é", "z", "ä"], v2: ["z", "ä", "é"], v3: ["z", "ä", "é"]),
    ]

    @Test(arguments: keyRows)
    func keyOrder(_ r: KeyRow) {
        #expect(YAMLKeyOrder.sorted(r.keys, v3: false) == r.v2)
        #expect(YAMLKeyOrder.sorted(r.keys, v3: true) == r.v3)
    }

    @Test(arguments: [
        ("1:20", true), ("190:20:30", true), ("-1:30.5", true), ("+1:30", true), ("1_0:20", true), ("1:20.", true),
        ("1:60", false), ("1:5a", false), ("a1:20", false), ("1::20", false), ("12:300", false), ("1:2:3", true),
        ("", false), ("12", false), (":1", false),
    ])
    func base60(_ s: String, _ expected: Bool) {
        #expect(YAMLEmitter.isBase60Float(s) == expected)
    }
}
