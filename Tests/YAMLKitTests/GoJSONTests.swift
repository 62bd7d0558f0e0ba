// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import Testing

@testable import YAMLKit

@Suite struct GoJSONTests {
    @Test(arguments: serialCases)
    func encodeMatchesHelm(_ c: SerialCase) throws {
        let v = try GoJSON.unmarshal(c.input)
        #expect(try GoJSON.marshal(v) == c.toJson)
        #expect(try GoJSON.marshal(v, indent: "  ") == c.toPrettyJson)
        #expect(try GoJSON.marshal(v, escapeHTML: false) == c.toRawJson)
    }

    /// Decoding what encoding/json wrote gives the value back: encode → decode → encode is stable.
    @Test(arguments: serialCases)
    func roundTrip(_ c: SerialCase) throws {
        let v = try GoJSON.unmarshal(c.toJson)
        #expect(try GoJSON.marshal(v) == c.toJson)
    }

    struct EncodeRow: Sendable, CustomTestStringConvertible {
        var name: String
        var value: Value
        var json: String?
        var error: String? = nil
        var testDescription: String { name }
    }

    static let encodeRows: [EncodeRow] = [
        EncodeRow(name: "int", value: .goInt(-3), json: "-3"),
        EncodeRow(name: "uint64", value: .int(-1, .uint64), json: "18446744073709551615"),
        EncodeRow(name: "bytes", value: .bytes([0, 1, 2, 250, 251]), json: "\"AAEC+vs=\""),
        EncodeRow(name: "bytes 1", value: .bytes([0xFF]), json: "\"/w==\""),
        EncodeRow(name: "float 1e20", value: .float(1e20), json: "100000000000000000000"),
        EncodeRow(name: "float 1e21", value: .float(1e21), json: "1e+21"),
        EncodeRow(name: "float 1e-7", value: .float(1e-7), json: "1e-7"),
        EncodeRow(name: "float 1.5e-10", value: .float(1.5e-10), json: "1.5e-10"),
        EncodeRow(name: "float 1e-100", value: .float(1e-100), json: "1e-100"),
        EncodeRow(name: "float 0.000001", value: .float(0.000001), json: "0.000001"),
        EncodeRow(name: "float -0", value: .float(-0.0), json: "-0"),
        EncodeRow(name: "float 2^63", value: .float(9223372036854775808.0), json: "9223372036854776000"),
        EncodeRow(name: "float 0.1", value: .float(0.1), json: "0.1"),
        EncodeRow(name: "controls", value: .string("\u{0}\u{8}\u{C}\u{1F}\u{7F}"), json: "\"\\u0000\\b\\f\\u001f\u{7F}\""),
        EncodeRow(name: "LS PS", value: .string("\u{2028}\u{2029}"), json: "\"\\u2028\\u2029\""),
        EncodeRow(name: "string slice", value: .strings(["<", "b"]), json: "[\"\\u003c\",\"b\"]"),
        EncodeRow(
            name: "bytewise key order", value: .dict(["a10": .null, "a9": .null, "B": .null, "_": .null]),
            json: "{\"B\":null,\"_\":null,\"a10\":null,\"a9\":null}"),
        EncodeRow(name: "+Inf", value: .float(.infinity), json: nil, error: "json: unsupported value: +Inf"),
        EncodeRow(
            name: "NaN nested", value: .dict(["a": .list([.float(.nan)])]), json: nil,
            error: "json: unsupported value: NaN"),
    ]

    @Test(arguments: encodeRows)
    func encode(_ r: EncodeRow) {
        do {
            let out = try GoJSON.marshal(r.value)
            #expect(r.error == nil)
            #expect(out == r.json)
        } catch {
            #expect(error.message == r.error)
        }
    }

    struct DecodeRow: Sendable, CustomTestStringConvertible {
        var text: String
        /// encoding/json's re-encoding of the decoded value, or Go's error text.
        var result: String
        var testDescription: String { text }
    }

    /// Error texts are encoding/json's (Go 1.25) scanner messages.
    static let decodeRows: [DecodeRow] = [
        DecodeRow(text: "", result: "unexpected end of JSON input"),
        DecodeRow(text: "   ", result: "unexpected end of JSON input"),
        DecodeRow(text: "{bad json}", result: "invalid character 'b' looking for beginning of object key string"),
        DecodeRow(text: "{bad", result: "invalid character 'b' looking for beginning of object key string"),
        DecodeRow(text: "{", result: "unexpected end of JSON input"),
        DecodeRow(text: "[", result: "unexpected end of JSON input"),
        DecodeRow(text: "[1,]", result: "invalid character ']' looking for beginning of value"),
        DecodeRow(text: "[1 2]", result: "invalid character '2' after array element"),
        DecodeRow(text: "{\"a\" 1}", result: "invalid character '1' after object key"),
        DecodeRow(text: "{\"a\":1 \"b\":2}", result: "invalid character '\"' after object key:value pair"),
        DecodeRow(text: "{\"a\":1,}", result: "invalid character '}' looking for beginning of object key string"),
        DecodeRow(text: "1 2", result: "invalid character '2' after top-level value"),
        DecodeRow(text: "01", result: "invalid character '1' after top-level value"),
        DecodeRow(text: "-", result: "invalid character ' ' in numeric literal"),
        DecodeRow(text: "-a", result: "invalid character 'a' in numeric literal"),
        DecodeRow(text: "1.", result: "invalid character ' ' after decimal point in numeric literal"),
        DecodeRow(text: "1.e5", result: "invalid character 'e' after decimal point in numeric literal"),
        DecodeRow(text: "1e", result: "invalid character ' ' in exponent of numeric literal"),
        DecodeRow(text: "1e+", result: "invalid character ' ' in exponent of numeric literal"),
        DecodeRow(text: "1ex", result: "invalid character 'x' in exponent of numeric literal"),
        DecodeRow(text: "tru", result: "invalid character ' ' in literal true (expecting 'e')"),
        DecodeRow(text: "trUe", result: "invalid character 'U' in literal true (expecting 'u')"),
        DecodeRow(text: "nul", result: "invalid character ' ' in literal null (expecting 'l')"),
        DecodeRow(text: "fals", result: "invalid character ' ' in literal false (expecting 'e')"),
        DecodeRow(text: "x", result: "invalid character 'x' looking for beginning of value"),
        DecodeRow(text: "'a'", result: "invalid character '\\'' looking for beginning of value"),
        DecodeRow(text: "\"a", result: "unexpected end of JSON input"),
        DecodeRow(text: "\"a\tb\"", result: "invalid character '\\t' in string literal"),
        DecodeRow(text: "\"\\x\"", result: "invalid character 'x' in string escape code"),
        DecodeRow(text: "\"\\", result: "invalid character ' ' in string escape code"),
        DecodeRow(text: "\"\\u12g4\"", result: "invalid character 'g' in \\u hexadecimal character escape"),
        DecodeRow(text: "\"\\u12", result: "invalid character ' ' in \\u hexadecimal character escape"),
        DecodeRow(text: "\u{C3}", result: "invalid character 'Ã' looking for beginning of value"),
        DecodeRow(text: "{\"a\": 1}", result: "{\"a\":1}"),
        DecodeRow(text: " [1, \"a\", null, {\"k\": true}] ", result: "[1,\"a\",null,{\"k\":true}]"),
        DecodeRow(text: "{\"a\":1,\"a\":2}", result: "{\"a\":2}"),
        DecodeRow(text: "\"\\ud83d\\ude00 \\ud83d \\ude00 \\ud83d\\u0041\"", result: "\"😀 \u{FFFD} \u{FFFD} \u{FFFD}A\""),
        DecodeRow(text: "\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"", result: "\"/\\b\\f\\n\\r\\t\\\"\\\\\""),
        DecodeRow(text: "1E400", result: "json: cannot unmarshal number 1E400 into Go value of type float64"),
        DecodeRow(text: "-0", result: "-0"),
        DecodeRow(text: "12345678901234567890", result: "12345678901234567000"),
        DecodeRow(text: "[[[[]]]]", result: "[[[[]]]]"),
    ]

    @Test(arguments: decodeRows)
    func decode(_ r: DecodeRow) {
        do {
            let v = try GoJSON.unmarshal(r.text)
            #expect(try GoJSON.marshal(v) == r.result)
        } catch {
            #expect(error.message == r.result)
        }
    }

    @Test func depthLimit() {
        let deep = String(repeating: "[", count: 10001) + String(repeating: "]", count: 10001)
        #expect(throws: GoError.self) { try GoJSON.unmarshal(deep) }
        let ok = String(repeating: "[", count: 10000) + String(repeating: "]", count: 10000)
        #expect((try? GoJSON.unmarshal(ok)) != nil)
    }

    @Test func mapAndArrayTargets() {
        #expect(
            GoJSON.unmarshalMap("[1, 2]").error?.message
                == "json: cannot unmarshal array into Go value of type map[string]interface {}")
        #expect(
            GoJSON.unmarshalMap("\"s\"").error?.message
                == "json: cannot unmarshal string into Go value of type map[string]interface {}")
        #expect(
            GoJSON.unmarshalMap("true").error?.message
                == "json: cannot unmarshal bool into Go value of type map[string]interface {}")
        #expect(
            GoJSON.unmarshalMap("1").error?.message
                == "json: cannot unmarshal number into Go value of type map[string]interface {}")
        #expect(GoJSON.unmarshalMap("null").error == nil)
        #expect(
            GoJSON.unmarshalArray("{\"a\": 1}").error?.message
                == "json: cannot unmarshal object into Go value of type []interface {}")
        #expect(GoJSON.unmarshalArray("null").array.isEmpty)
        #expect(GoJSON.unmarshalArray("[1]").array.count == 1)
    }
}
