// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import Actions
import Chart
import Engine
import Foundation
import GoRuntime
import Testing
import YAMLKit

/// `values.schema.json` validation against messages recorded from Helm v4.1.4 (`helm template` with the schema
/// and values below; the expected text is Helm's error after `Error: values don't meet the specifications of the
/// schema(s) in the following chart(s):\ndemo:\n`). Cases with several failing properties at one level are left
/// out: Go visits maps in random order, so Helm's own order varies between runs.
@Suite struct SchemaTests {
    static let draft07 = """
        {"$schema":"http://json-schema.org/draft-07/schema#","type":"object",
        "definitions":{"port":{"type":"integer","minimum":1,"maximum":65535}},
        "properties":{"x":{"type":"integer"},"id":{"type":"string","pattern":"^[a-z]+$","minLength":2},
        "mode":{"enum":["a","b"]},"one":{"enum":["z"]},"port":{"$ref":"#/definitions/port"},
        "f":{"type":"number","multipleOf":0.5,"exclusiveMaximum":10},
        "obj":{"type":"object","additionalProperties":false,"properties":{"a":{"type":"string"}},"required":["a","b"]},
        "arr":{"type":"array","items":{"type":"string"},"minItems":2,"uniqueItems":true},
        "any":{"anyOf":[{"type":"string"},{"type":"integer"}]},
        "c":{"const":"k"}}}
        """

    static let draft2020 = """
        {"type":"object",
        "properties":{"o":{"oneOf":[{"type":"string"},{"type":"string","minLength":1}]},
        "a":{"allOf":[{"type":"string"},{"minLength":3}]},
        "n":{"not":{"type":"string"}},
        "i":{"if":{"type":"string"},"then":{"minLength":3},"else":{"type":"integer"}},
        "m":{"type":["string","null"]},
        "q":{"type":"number","minimum":0.5},
        "r":{"type":"object","required":["z"]},
        "fs":false,
        "pi":{"type":"array","prefixItems":[{"type":"integer"}],"items":{"type":"string"}},
        "pp":{"type":"object","patternProperties":{"^x":{"type":"integer"}},"additionalProperties":false},
        "big":{"type":"integer","maximum":1000000},
        "mx":{"type":"string","maxLength":3,"format":"email"},
        "int":{"type":"integer"}}}
        """

    static let keywords2020 = """
        {"type":"object",
        "properties":{"c":{"type":"array","contains":{"type":"integer"}},
        "mc":{"type":"array","contains":{"type":"integer"},"minContains":2,"maxContains":3},
        "p":{"type":"object","propertyNames":{"pattern":"^[a-z]+$"}},
        "pn":{"type":"object","propertyNames":{"maxLength":2,"pattern":"^a"}},
        "ds":{"type":"object","dependentSchemas":{"a":{"required":["b"]}}},
        "dp":{"type":"object","dependencies":{"a":{"required":["c"],"properties":{"a":{"type":"string"}}}}},
        "dr":{"type":"object","dependentRequired":{"a":["b"]}},
        "rt":{"type":"integer","$ref":"#/definitions/s"}},
        "definitions":{"s":{"type":"string"}}}
        """

    static let keywords07 = """
        {"$schema":"http://json-schema.org/draft-07/schema#",
        "properties":{"d":{"type":"object","dependencies":{"a":["b"]}},
        "dr":{"type":"object","dependentRequired":{"a":["b"]}},
        "ai":{"type":"array","additionalItems":false},
        "mc":{"type":"array","contains":{"type":"integer"},"minContains":2},
        "pf":{"type":"object","propertyNames":false},
        "uf":{"type":"object","properties":{"a":{}},"unevaluatedProperties":false},
        "rt":{"type":"integer","$ref":"#/definitions/s"},
        "rc":{"enum":[1],"const":2,"$ref":"#/definitions/s"}},
        "definitions":{"s":{"type":"string"}}}
        """

    static let unevaluated2020 = """
        {"type":"object","$defs":{"base":{"properties":{"a":{}}}},"properties":{
        "u1":{"type":"object","properties":{"a":{}},"unevaluatedProperties":false},
        "u2":{"type":"object","allOf":[{"properties":{"a":{}}}],"unevaluatedProperties":false},
        "u3":{"type":"object","anyOf":[{"properties":{"a":{}}},{"properties":{"z":{}}}],"unevaluatedProperties":{"type":"string"}},
        "u4":{"type":"object","oneOf":[{"properties":{"a":{}},"required":["a"]},{"properties":{"z":{}},"required":["q"]}],"unevaluatedProperties":false},
        "u5":{"type":"object","if":{"properties":{"k":{"const":1}}},"then":{"properties":{"t":{}}},"else":{"properties":{"e":{}}},"unevaluatedProperties":false},
        "u6":{"type":"object","$ref":"#/$defs/base","unevaluatedProperties":false},
        "u7":{"type":"object","patternProperties":{"^x":{}},"additionalProperties":false,"unevaluatedProperties":false},
        "u8":{"type":"object","dependentSchemas":{"a":{"properties":{"b":{}}}},"unevaluatedProperties":false},
        "i1":{"type":"array","prefixItems":[{"type":"integer"}],"unevaluatedItems":false},
        "i2":{"type":"array","contains":{"type":"string"},"unevaluatedItems":{"type":"integer"}},
        "i3":{"type":"array","allOf":[{"prefixItems":[true,true]}],"unevaluatedItems":false}}}
        """

    static let keywords04 = """
        {"$schema":"http://json-schema.org/draft-04/schema#",
        "properties":{"pn":{"type":"object","propertyNames":{"maxLength":1}},"c":{"const":2}}}
        """

    struct Case: Sendable, CustomStringConvertible {
        var schema: String
        var values: String
        var expected: String?
        var description: String { values }
    }

    static let cases: [Case] = [
        Case(schema: draft07, values: "x: '1.5'", expected: "- at '/x': got string, want integer\n"),
        Case(schema: draft07, values: "x: 2", expected: nil),
        Case(schema: draft07, values: "id: A", expected: "- at '/id': minLength: got 1, want 2\n- at '/id': 'A' does not match pattern '^[a-z]+$'\n"),
        Case(schema: draft07, values: "id: AB", expected: "- at '/id': 'AB' does not match pattern '^[a-z]+$'\n"),
        Case(schema: draft07, values: "mode: c", expected: "- at '/mode': value must be one of 'a', 'b'\n"),
        Case(schema: draft07, values: "one: y", expected: "- at '/one': value must be 'z'\n"),
        Case(schema: draft07, values: "port: 0", expected: "- at '/port': minimum: got 0, want 1\n"),
        Case(schema: draft07, values: "port: 70000", expected: "- at '/port': maximum: got 70,000, want 65,535\n"),
        Case(
            schema: draft07, values: "obj: {c: 1}", expected: "- at '/obj': missing properties 'a', 'b'\n- at '/obj': additional properties 'c' not allowed\n"),
        Case(schema: draft07, values: "arr: [a]", expected: "- at '/arr': minItems: got 1, want 2\n"),
        Case(schema: draft07, values: "arr: [a, a]", expected: "- at '/arr': items at 0 and 1 are equal\n"),
        Case(
            schema: draft07, values: "any: true",
            expected: "- at '/any': 'anyOf' failed\n  - at '/any': got boolean, want string\n  - at '/any': got boolean, want integer\n"),
        Case(schema: draft07, values: "c: z", expected: "- at '/c': value must be 'k'\n"),
        Case(schema: draft2020, values: "o: x", expected: "- at '/o': 'oneOf' failed, subschemas 0, 1 matched\n"),
        Case(
            schema: draft2020, values: "o: 1",
            expected: "- at '/o': 'oneOf' failed, none matched\n  - at '/o': got number, want string\n  - at '/o': got number, want string\n"),
        Case(schema: draft2020, values: "a: xy", expected: "- at '/a': 'allOf' failed\n  - at '/a': minLength: got 2, want 3\n"),
        Case(schema: draft2020, values: "a: 1", expected: "- at '/a': 'allOf' failed\n  - at '/a': got number, want string\n"),
        Case(schema: draft2020, values: "\"n\": s", expected: "- at '/n': 'not' failed\n"),
        Case(schema: draft2020, values: "i: ab", expected: "- at '/i': minLength: got 2, want 3\n"),
        Case(schema: draft2020, values: "i: true", expected: "- at '/i': got boolean, want integer\n"),
        Case(schema: draft2020, values: "m: 1", expected: "- at '/m': got number, want null or string\n"),
        Case(schema: draft2020, values: "q: 0.25", expected: "- at '/q': minimum: got 0.25, want 0.5\n"),
        Case(schema: draft2020, values: "big: 1234567.5", expected: "- at '/big': got number, want integer\n"),
        Case(schema: draft2020, values: "r: {y: 1}", expected: "- at '/r': missing property 'z'\n"),
        Case(schema: draft2020, values: "fs: 1", expected: "- at '/fs': false schema\n"),
        Case(schema: draft2020, values: "pi: [a, 2]", expected: "- at '/pi/0': got string, want integer\n- at '/pi/0': got number, want string\n"),
        Case(
            schema: draft2020, values: "pp: {xa: s, b: 1}",
            expected: "- at '/pp/xa': got string, want integer\n- at '/pp': additional properties 'b' not allowed\n"),
        Case(schema: draft2020, values: "int: 3.0", expected: nil),
        Case(schema: draft2020, values: "int: 3.5", expected: "- at '/int': got number, want integer\n"),
        Case(schema: draft2020, values: "mx: abcdé", expected: "- at '/mx': maxLength: got 5, want 3\n"),
        Case(schema: draft2020, values: "mx: ab", expected: nil),
        // Keywords added in session 3, each checked against helm v4.1.4 (tools: a throwaway chart, as above).
        Case(
            schema: keywords2020, values: "c: [a, b]",
            expected: "- at '/c': no items match contains schema\n  - at '/c/0': got string, want integer\n  - at '/c/1': got string, want integer\n"),
        Case(schema: keywords2020, values: "c: [a, 1]", expected: nil),
        Case(
            schema: keywords2020, values: "mc: [a, 1, b]",
            expected:
                "- at '/mc': min 2 items required to match contains schema, but matched 1 items at 1\n  - at '/mc/0': got string, want integer\n  - at '/mc/2': got string, want integer\n"
        ),
        Case(
            schema: keywords2020, values: "mc: [1, 2, 3, 4, x]",
            expected: "- at '/mc': max 3 items required to match contains schema, but matched 4 items at 0 1 2 3\n"),
        Case(
            schema: keywords2020, values: "mc: [a]",
            expected: "- at '/mc': min 2 items required to match contains schema, but none matched\n  - at '/mc/0': got string, want integer\n"),
        Case(schema: keywords2020, values: "p: {A1: 1}", expected: "- at '': invalid propertyName 'A1'\n  - at '': 'A1' does not match pattern '^[a-z]+$'\n"),
        Case(
            schema: keywords2020, values: "pn: {bcd: 1}",
            expected: "- at '': invalid propertyName 'bcd'\n  - at '': maxLength: got 3, want 2\n  - at '': 'bcd' does not match pattern '^a'\n"),
        Case(schema: keywords2020, values: "ds: {a: 1}", expected: "- at '/ds': missing property 'b'\n"),
        Case(schema: keywords2020, values: "dp: {a: 1}", expected: "- at '/dp': missing property 'c'\n- at '/dp/a': got number, want string\n"),
        Case(schema: keywords2020, values: "dr: {a: 1}", expected: "- at '/dr': properties 'b' required, if 'a' exists\n"),
        Case(schema: keywords07, values: "d: {a: 1}", expected: "- at '/d': properties 'b' required, if 'a' exists\n"),
        Case(schema: keywords07, values: "dr: {a: 1}", expected: nil),  // dependentRequired is 2019-09 on
        Case(schema: keywords07, values: "ai: [1, 2]", expected: nil),  // additionalItems needs a list of items
        Case(schema: keywords07, values: "mc: [a, 1]", expected: nil),  // minContains is 2019-09 on
        Case(schema: keywords07, values: "pf: {abc: 1}", expected: "- at '': invalid propertyName 'abc'\n  - at '': false schema\n"),
        Case(schema: keywords04, values: "pn: {abc: 1}", expected: nil),  // no propertyNames in draft 4
        // unevaluatedProperties / unevaluatedItems (2019-09 on), one failing member each (Go visits the
        // unevaluated set in random order).
        Case(schema: unevaluated2020, values: "u1: {a: 1, z: 2}", expected: "- at '/u1/z': false schema\n"),
        Case(schema: unevaluated2020, values: "u2: {a: 1, z: 2}", expected: "- at '/u2/z': false schema\n"),
        Case(schema: unevaluated2020, values: "u3: {a: 1, z: 2, w: 3}", expected: "- at '/u3/w': got number, want string\n"),
        Case(schema: unevaluated2020, values: "u4: {a: 1, z: 2}", expected: "- at '/u4/z': false schema\n"),
        Case(schema: unevaluated2020, values: "u5: {k: 1, t: 1, e: 2}", expected: "- at '/u5/e': false schema\n"),
        Case(schema: unevaluated2020, values: "u6: {a: 1, b: 2}", expected: "- at '/u6/b': false schema\n"),
        Case(schema: unevaluated2020, values: "u7: {x1: 1, b: 2}", expected: "- at '/u7': additional properties 'b' not allowed\n"),
        Case(schema: unevaluated2020, values: "u8: {b: 2}", expected: "- at '/u8/b': false schema\n"),
        Case(schema: unevaluated2020, values: "u8: {a: 1, b: 2}", expected: "- at '/u8/a': false schema\n"),
        Case(schema: unevaluated2020, values: "i1: [1, 2]", expected: "- at '/i1/1': false schema\n"),
        Case(schema: unevaluated2020, values: "i2: [a, 2, b, c1, 3.5]", expected: "- at '/i2/4': got number, want integer\n"),
        Case(schema: unevaluated2020, values: "i3: [1, 2, 3]", expected: "- at '/i3/2': false schema\n"),
        Case(schema: unevaluated2020, values: "i3: [1, 2]", expected: nil),
        Case(schema: keywords07, values: "uf: {a: 1, z: 2}", expected: nil),  // no unevaluated* before 2019-09
        // Before 2019-09, a $ref hides the draft-4 keywords beside it (type, enum), not const (draft 6).
        Case(schema: keywords07, values: "rt: a", expected: nil),
        Case(schema: keywords07, values: "rc: a", expected: "- at '/rc': value must be 2\n"),
        Case(schema: keywords2020, values: "rt: a", expected: "- at '/rt': got string, want integer\n"),
        Case(schema: keywords04, values: "c: a", expected: nil),  // no const in draft 4
    ]

    @Test(arguments: cases)
    func validates(_ c: Case) throws {
        let values = try YAML.loadValues(c.values)
        let validator = try JSONSchemaValidator(json: Array(c.schema.utf8))
        #expect(validator.validate(values) == c.expected)
    }

    @Test func subchartsAndHeader() throws {
        var subMeta = ChartMetadata()
        subMeta.name = "sub"
        var demoMeta = ChartMetadata()
        demoMeta.name = "demo"
        let sub = LoadedChart(metadata: subMeta, schema: Array(#"{"required":["a"]}"#.utf8))
        let parent = LoadedChart(
            metadata: demoMeta, schema: Array(#"{"properties":{"x":{"type":"string"}}}"#.utf8),
            dependencies: [sub])
        #expect(
            validateAgainstSchema(chart: parent, values: ["x": .int(1, .int64), "sub": .map(GoMap([:]), .anyMap)])
                == "demo:\n- at '/x': got number, want string\nsub:\n- at '': missing property 'a'\n")
        #expect(validateAgainstSchema(chart: parent, values: ["x": .string("s")]) == nil)
    }

    @Test func throughHelmTemplate() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("templates"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("apiVersion: v2\nname: demo\nversion: 0.1.0\n".utf8).write(to: dir.appendingPathComponent("Chart.yaml"))
        try Data("x: 1\n".utf8).write(to: dir.appendingPathComponent("values.yaml"))
        try Data(Self.draft07.utf8).write(to: dir.appendingPathComponent("values.schema.json"))
        try Data("a: {{ .Values.port }}\n".utf8).write(to: dir.appendingPathComponent("templates/cm.yaml"))
        var options = TemplateOptions(arguments: ["r", dir.path])
        options.setValues = ["port=0"]
        let out = HelmTemplate.run(options)
        #expect(
            out.error == "values don't meet the specifications of the schema(s) in the following chart(s):\n"
                + "demo:\n- at '/port': minimum: got 0, want 1\n")
        options.skipSchemaValidation = true
        #expect(HelmTemplate.run(options).error == nil)
    }
}
