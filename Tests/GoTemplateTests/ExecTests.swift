// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import Testing

@testable import GoTemplate

/// One row: a template, the data as dot, and the exact output or error text.
struct ExecCase: CustomTestStringConvertible, Sendable {
    var name: String
    var template: String
    var data: Value = .dict([:])
    var output: String? = nil
    var error: String? = nil
    var testDescription: String { name }
}

private let values: Value = .dict([
    "s": .string("str"), "f": .float(3), "l": .list([.float(1), .string("two")]),
    "m": .dict(["a": .string("x"), "b": .float(2)]), "nul": .null, "t": .bool(true),
])

let execCases: [ExecCase] = [
    ExecCase(name: "text", template: "hello", output: "hello"),
    ExecCase(name: "trim", template: "a  {{- 1 -}}  b", output: "a1b"),
    ExecCase(name: "comment", template: "a {{- /* c */ -}} b", output: "ab"),
    ExecCase(name: "field", template: "{{ .s }}", data: values, output: "str"),
    ExecCase(name: "missing", template: "{{ .nope }}", data: values, output: "<no value>"),
    ExecCase(
        name: "nil pointer", template: "{{ .nope.x }}", data: values,
        error: "template: t:1:8: executing \"t\" at <.nope.x>: nil pointer evaluating interface {}.x"),
    ExecCase(name: "if else", template: "{{ if .t }}y{{ else }}n{{ end }}", data: values, output: "y"),
    ExecCase(name: "else if", template: "{{ if .nul }}a{{ else if .s }}b{{ else }}c{{ end }}", data: values, output: "b"),
    ExecCase(name: "range list", template: "{{ range $i, $v := .l }}{{ $i }}={{ $v }};{{ end }}", data: values, output: "0=1;1=two;"),
    ExecCase(name: "range map sorted", template: "{{ range $k, $v := .m }}{{ $k }}{{ end }}", data: values, output: "ab"),
    ExecCase(name: "range int", template: "{{ range 3 }}{{ . }}{{ end }}", output: "012"),
    ExecCase(name: "range else", template: "{{ range .nope }}x{{ else }}empty{{ end }}", data: values, output: "empty"),
    ExecCase(name: "break", template: "{{ range 5 }}{{ if eq . 2 }}{{ break }}{{ end }}{{ . }}{{ end }}", output: "01"),
    ExecCase(name: "continue", template: "{{ range 4 }}{{ if eq . 2 }}{{ continue }}{{ end }}{{ . }}{{ end }}", output: "013"),
    ExecCase(name: "with", template: "{{ with .s }}{{ . }}{{ end }}", data: values, output: "str"),
    ExecCase(name: "vars", template: "{{ $x := 1 }}{{ $x = 2 }}{{ $x }}", output: "2"),
    ExecCase(name: "define template", template: "{{ define \"a\" }}[{{ . }}]{{ end }}{{ template \"a\" 5 }}", output: "[5]"),
    ExecCase(name: "block", template: "{{ block \"b\" . }}dflt{{ end }}", output: "dflt"),
    ExecCase(name: "and or", template: "{{ and 1 0 }} {{ or 0 \"\" 3 }}", output: "0 3"),
    ExecCase(name: "index", template: "{{ index .l 1 }}", data: values, output: "two"),
    ExecCase(name: "len", template: "{{ len .l }}", data: values, output: "2"),
    ExecCase(
        name: "eq float int", template: "{{ eq .f 3 }}", data: values,
        error: "template: t:1:3: executing \"t\" at <eq .f 3>: error calling eq: incompatible types for comparison: float64 and int"),
    ExecCase(name: "lt strings", template: "{{ lt \"a\" \"b\" }}", output: "true"),
    ExecCase(name: "pipeline final arg", template: "{{ 3 | print 1 2 }}", output: "1 2 3"),
    ExecCase(
        name: "wrong arg count", template: "{{ not 1 2 }}",
        error: "template: t:1:3: executing \"t\" at <not>: wrong number of args for not: want 1 got 2"),
    ExecCase(name: "html", template: "{{ html \"<a href='x'>\" }}", output: "&lt;a href=&#39;x&#39;&gt;"),
    ExecCase(name: "js", template: "{{ js \"a'b<\" }}", output: "a\\'b\\u003C"),
    ExecCase(name: "urlquery", template: "{{ urlquery \"a b&c\" }}", output: "a+b%26c"),
    ExecCase(name: "hex literal", template: "{{ 0x1F }}", output: "31"),
    ExecCase(name: "char literal", template: "{{ 'a' }}", output: "97"),
    ExecCase(
        name: "overflow", template: "{{ 12345678901234567890 }}",
        error: "template: t:1:3: executing \"t\" at <12345678901234567890>: 12345678901234567890 overflows int"),
    ExecCase(
        name: "string field error", template: "{{ with \"str\" }}{{ .x }}{{ end }}",
        error: "template: t:1:19: executing \"t\" at <.x>: can't evaluate field x in type string"),
    ExecCase(
        name: "map has args", template: "{{ .m 1 }}", data: values,
        error: "template: t:1:3: executing \"t\" at <.m>: m is not a method but has arguments"),
]

@Test(arguments: execCases)
func execute(_ c: ExecCase) throws {
    var set = TemplateSet()
    try set.parse(name: "t", text: c.template)
    do {
        let out = try set.execute("t", data: c.data)
        #expect(c.error == nil, "expected error \(c.error ?? "")")
        #expect(out == c.output)
    } catch {
        #expect(c.error == error.message)
    }
}

/// Parse errors, in Go's words.
let parseErrorCases: [(String, String)] = [
    ("a {{ .x", "template: t:1: unclosed action"),
    ("{{ \"abc }}", "template: t:1: unterminated quoted string"),
    ("{{ (print 1 }}", "template: t:1: unclosed left paren"),
    ("{{ print 1) }}", "template: t:1: unexpected right paren"),
    ("{{ range .l }}x", "template: t:1: unexpected EOF"),
    ("{{ frob }}", "template: t:1: function \"frob\" not defined"),
    ("{{ $u }}", "template: t:1: undefined variable \"$u\""),
    ("{{ }}", "template: t:1: missing value for command"),
    ("{{ \"a\" | \"b\" }}", "template: t:1: non executable command in pipeline stage 2"),
    ("{{ if true }}a{{ else }}b{{ else }}c{{ end }}", "template: t:1: expected end; found {{else}}"),
    ("{{ .a..b }}", "template: t:1: unexpected <.> in operand"),
    ("ok\nok\n{{ if }}", "template: t:3: missing value for if"),
    ("{{- -}}", "template: t:1: illegal number syntax: \"-\""),
    ("{{ \"abc\".x }}", "template: t:1: unexpected . after term \"\\\"abc\\\"\""),
]

@Test(arguments: parseErrorCases)
func parseErrors(_ c: (String, String)) {
    var set = TemplateSet()
    #expect(throws: ParseError.self) { try set.parse(name: "t", text: c.0) }
    do {
        try set.parse(name: "t", text: c.0)
    } catch {
        #expect(error.description == c.1)
    }
}
