// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
import GoRuntime
import GoTemplate
import Testing
import YAMLKit

@testable import TemplateFuncs

/// Helm v4.1.4's recorded output for its data functions (conformance cases that need no chart objects).
struct DataCase: Sendable, CustomTestStringConvertible {
    var id: String
    var template: String
    var values: String
    var output: String?
    var error: String?
    var testDescription: String { id }
}

let dataCases: [DataCase] = [
    DataCase(
        id: "helm-toyaml/time-value", template: "{{ toYaml (toDate \"2006-01-02\" \"2024-03-05\") }}", values: "",
        output: "\"2024-03-05T00:00:00Z\"", error: nil),
    DataCase(
        id: "helm-toyaml/semver-value", template: "{{ toYaml (semver \"1.2.3\") }}", values: "",
        output: "1.2.3", error: nil),
    DataCase(
        id: "helm-json/toJson-time", template: "{{ toDate \"2006-01-02\" \"2024-03-05\" | toJson }}", values: "",
        output: "\"2024-03-05T00:00:00Z\"", error: nil),
    DataCase(
        id: "helm-toml/fromToml-types",
        template: "{{ $m := fromToml \"i = 1\\nf = 1.5\\ns = \\\"x\\\"\\nb = true\" }}{{ typeOf $m.i }} {{ typeOf $m.f }} {{ typeOf $m.s }} {{ typeOf $m.b }}",
        values: "",
        output: "int64 float64 string bool", error: nil),
    DataCase(
        id: "helm-toyaml/values-root", template: "{{ toYaml .Values }}", values: "b: 1\na: [x]\n",
        output: "a:\n- x\nb: 1", error: nil),
    DataCase(
        id: "helm-toyaml/list", template: "{{ toYaml (list 1 \"a\" true nil 2.5) }}", values: "",
        output: "- 1\n- a\n- true\n- null\n- 2.5", error: nil),
    DataCase(
        id: "helm-toyaml/empty-list", template: "{{ toYaml (list) }}", values: "",
        output: "[]", error: nil),
    DataCase(
        id: "helm-toyaml/nil", template: "{{ toYaml .Values.missing }}", values: "a: 1\n",
        output: "null", error: nil),
    DataCase(
        id: "helm-toyaml/string-plain", template: "{{ toYaml \"hello\" }}", values: "",
        output: "hello", error: nil),
    DataCase(
        id: "helm-toyaml/string-on", template: "{{ toYaml \"on\" }}", values: "",
        output: "\"on\"", error: nil),
    DataCase(
        id: "helm-toyaml/string-y", template: "{{ toYaml \"y\" }}", values: "",
        output: "\"y\"", error: nil),
    DataCase(
        id: "helm-toyaml/string-number", template: "{{ toYaml \"123\" }}", values: "",
        output: "\"123\"", error: nil),
    DataCase(
        id: "helm-toyaml/string-float-like", template: "{{ toYaml \"1.5\" }}", values: "",
        output: "\"1.5\"", error: nil),
    DataCase(
        id: "helm-toyaml/string-exponent-like", template: "{{ toYaml \"1e3\" }}", values: "",
        output: "\"1e3\"", error: nil),
    DataCase(
        id: "helm-toyaml/string-null", template: "{{ toYaml \"null\" }}", values: "",
        output: "\"null\"", error: nil),
    DataCase(
        id: "helm-toyaml/string-empty", template: "{{ toYaml \"\" }}", values: "",
        output: "\"\"", error: nil),
    DataCase(
        id: "helm-toyaml/string-colon", template: "{{ toYaml \"a: b\" }}", values: "",
        output: "'a: b'", error: nil),
    DataCase(
        id: "helm-toyaml/string-colon-no-space", template: "{{ toYaml \"a:b\" }}", values: "",
        output: "a:b", error: nil),
    DataCase(
        id: "helm-toyaml/string-trailing-space", template: "{{ toYaml \"trail \" }}", values: "",
        output: "'trail '", error: nil),
    DataCase(
        id: "helm-toyaml/string-multiline", template: "{{ toYaml \"line1\\nline2\\n\" }}", values: "",
        output: "|\n  line1\n  line2", error: nil),
    DataCase(
        id: "helm-toyaml/string-multiline-no-trailing-newline", template: "{{ toYaml \"line1\\nline2\" }}", values: "",
        output: "|-\n  line1\n  line2", error: nil),
    DataCase(
        id: "helm-toyaml/string-with-tab", template: "{{ toYaml \"a\\tb\" }}", values: "",
        output: "\"a\\tb\"", error: nil),
    DataCase(
        id: "helm-toyaml/string-unicode", template: "{{ toYaml \"héllo ☃ 日本\" }}", values: "",
        output: "héllo ☃ 日本", error: nil),
    DataCase(
        id: "helm-toyaml/string-emoji", template: "{{ toYaml \"😀\" }}", values: "",
        output: "\"\\U0001F600\"", error: nil),
    DataCase(
        id: "helm-toyaml/string-quote-chars", template: "{{ toYaml \"it's \\\"quoted\\\"\" }}", values: "",
        output: "it's \"quoted\"", error: nil),
    DataCase(
        id: "helm-toyaml/string-starts-with-star", template: "{{ toYaml \"*star\" }}", values: "",
        output: "'*star'", error: nil),
    DataCase(
        id: "helm-toyaml/string-starts-with-dash", template: "{{ toYaml \"- dash\" }}", values: "",
        output: "'- dash'", error: nil),
    DataCase(
        id: "helm-toyaml/string-octal-like", template: "{{ toYaml \"0755\" }}", values: "",
        output: "\"0755\"", error: nil),
    DataCase(
        id: "helm-toyaml/string-hex-like", template: "{{ toYaml \"0x1F\" }}", values: "",
        output: "\"0x1F\"", error: nil),
    DataCase(
        id: "helm-toyaml/string-date-like", template: "{{ toYaml \"2024-01-01\" }}", values: "",
        output: "\"2024-01-01\"", error: nil),
    DataCase(
        id: "helm-toyaml/string-version", template: "{{ toYaml \"1.10\" }}", values: "",
        output: "\"1.10\"", error: nil),
    DataCase(
        id: "helm-toyaml/string-at-sign", template: "{{ toYaml \"@at\" }}", values: "",
        output: "'@at'", error: nil),
    DataCase(
        id: "helm-toyaml/string-backtick", template: "{{ toYaml \"`tick\" }}", values: "",
        output: "'`tick'", error: nil),
    DataCase(
        id: "helm-toyaml/string-braces", template: "{{ toYaml \"{a}\" }}", values: "",
        output: "'{a}'", error: nil),
    DataCase(
        id: "helm-toyaml/string-brackets", template: "{{ toYaml \"[a]\" }}", values: "",
        output: "'[a]'", error: nil),
    DataCase(
        id: "helm-toyaml/string-ampersand", template: "{{ toYaml \"&anchor\" }}", values: "",
        output: "'&anchor'", error: nil),
    DataCase(
        id: "helm-toyaml/string-exclamation", template: "{{ toYaml \"!tag\" }}", values: "",
        output: "'!tag'", error: nil),
    DataCase(
        id: "helm-toyaml/string-pipe", template: "{{ toYaml \"|\" }}", values: "",
        output: "'|'", error: nil),
    DataCase(
        id: "helm-toyaml/string-gt", template: "{{ toYaml \">\" }}", values: "",
        output: "'>'", error: nil),
    DataCase(
        id: "helm-toyaml/string-comma", template: "{{ toYaml \"a, b\" }}", values: "",
        output: "a, b", error: nil),
    DataCase(
        id: "helm-toyaml/string-long",
        template:
            "{{ toYaml \"word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word\" }}",
        values: "",
        output:
            "word word word word word word word word word word word word word word word word word\n  word word word word word word word word word word word word word",
        error: nil),
    DataCase(
        id: "helm-toyaml/string-long-no-spaces",
        template:
            "{{ toYaml \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\" }}",
        values: "",
        output:
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        error: nil),
    DataCase(
        id: "helm-toyaml/big-value", template: "{{ toYaml .Values.big }}", values: "m:\n  z: 1\n  a:\n    - x\n    - k: 2\n  s: hello\nbig: 1000000\nf: 1.5\n",
        output: "1000000", error: nil),
    DataCase(
        id: "helm-toyaml/float-value", template: "{{ toYaml .Values.f }}", values: "m:\n  z: 1\n  a:\n    - x\n    - k: 2\n  s: hello\nbig: 1000000\nf: 1.5\n",
        output: "1.5", error: nil),
    DataCase(
        id: "helm-toyaml/float-literal-small", template: "{{ toYaml 0.000001 }}", values: "",
        output: "1e-06", error: nil),
    DataCase(
        id: "helm-toyaml/float-literal-large", template: "{{ toYaml 1e21 }}", values: "",
        output: "1e+21", error: nil),
    DataCase(
        id: "helm-toyaml/dict-with-special-keys", template: "{{ toYaml (dict \"key with space\" 1 \"yes\" 2 \"1\" 3 \"a:b\" 4) }}", values: "",
        output: "\"1\": 3\na:b: 4\nkey with space: 1\n\"yes\": 2", error: nil),
    DataCase(
        id: "helm-toyaml/dict-key-order", template: "{{ toYaml (dict \"b\" 1 \"a\" 2 \"C\" 3 \"_\" 4 \"10\" 5 \"9\" 6) }}", values: "",
        output: "_: 4\n\"9\": 6\n\"10\": 5\nC: 3\na: 2\nb: 1", error: nil),
    DataCase(
        id: "helm-toyaml/nested-empty", template: "{{ toYaml (dict \"a\" (dict) \"b\" (list) \"c\" nil) }}", values: "",
        output: "a: {}\nb: []\nc: null", error: nil),
    DataCase(
        id: "helm-toyaml/special-float-inf-swallowed", template: "[{{ toYaml (float64 \"inf\") }}]", values: "",
        output: "[]", error: nil),
    DataCase(
        id: "helm-toyaml/mustToYaml-inf-error", template: "{{ mustToYaml (float64 \"inf\") }}", values: "",
        output: nil, error: "error calling mustToYaml: error marshaling into JSON: json: unsupported value: +Inf"),
    DataCase(
        id: "helm-toyaml/nindent-idiom", template: "spec:\n  {{- toYaml .Values.m | nindent 2 }}",
        values: "m:\n  z: 1\n  a:\n    - x\n    - k: 2\n  s: hello\nbig: 1000000\nf: 1.5\n",
        output: "spec:\n  a:\n  - x\n  - k: 2\n  s: hello\n  z: 1", error: nil),
    DataCase(
        id: "helm-toyaml/no-trailing-newline", template: "[{{ toYaml (dict \"a\" 1) }}]", values: "",
        output: "[a: 1]", error: nil),
    DataCase(
        id: "helm-toyaml/mustToYaml", template: "{{ mustToYaml (dict \"a\" (list 1 2)) }}", values: "",
        output: "a:\n- 1\n- 2", error: nil),
    DataCase(
        id: "helm-toyaml/toYamlPretty", template: "{{ toYamlPretty (dict \"a\" (list 1 2) \"b\" (dict \"c\" 1)) }}", values: "",
        output: "a:\n  - 1\n  - 2\nb:\n  c: 1", error: nil),
    DataCase(
        id: "helm-toyaml/toYamlPretty-vs-toYaml-lists", template: "{{ toYaml (dict \"l\" (list 1)) }}|{{ toYamlPretty (dict \"l\" (list 1)) }}", values: "",
        output: "l:\n- 1|l:\n  - 1", error: nil),
    DataCase(
        id: "helm-toyaml/toYaml-of-fromYaml-roundtrip", template: "{{ fromYaml \"b: 1\\na: [1, 2]\" | toYaml }}", values: "",
        output: "a:\n- 1\n- 2\nb: 1", error: nil),
    DataCase(
        id: "helm-toyaml/toYaml-unicode-escapes", template: "{{ toYaml \"\\u0007bell\" }}", values: "",
        output: "\"\\abell\"", error: nil),
    DataCase(
        id: "helm-toyaml/toYaml-multiline-leading-space", template: "{{ toYaml (dict \"k\" \"  indented\\nsecond\") }}", values: "",
        output: "k: |2-\n    indented\n  second", error: nil),
    DataCase(
        id: "helm-fromyaml/fromYaml-basic", template: "{{ (fromYaml \"a: 1\\nb: [x, z]\").b }}", values: "",
        output: "[x z]", error: nil),
    DataCase(
        id: "helm-fromyaml/fromYaml-list-y-is-bool", template: "{{ (fromYaml \"b: [x, y, n]\").b }}", values: "",
        output: "[x true false]", error: nil),
    DataCase(
        id: "helm-fromyaml/fromYaml-print", template: "{{ fromYaml \"b: 2\\na: {c: 3}\" }}", values: "",
        output: "map[a:map[c:3] b:2]", error: nil),
    DataCase(
        id: "helm-fromyaml/fromYaml-error-key", template: "{{ (fromYaml \"a: [1, 2\").Error }}", values: "",
        output: "error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'", error: nil),
    DataCase(
        id: "helm-fromyaml/fromYaml-list-input-error", template: "{{ fromYaml \"- a\\n- b\" }}", values: "",
        output: "map[Error:error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}]",
        error: nil),
    DataCase(
        id: "helm-fromyaml/fromYaml-empty", template: "{{ fromYaml \"\" }}", values: "",
        output: "map[]", error: nil),
    DataCase(
        id: "helm-fromyaml/fromYaml-duplicate-key", template: "{{ fromYaml \"a: 1\\na: 2\" }}", values: "",
        output: "map[a:2]", error: nil),
    DataCase(
        id: "helm-fromyaml/fromYamlArray", template: "{{ fromYamlArray \"- a\\n- 1\\n- {k: v}\" }}", values: "",
        output: "[a 1 map[k:v]]", error: nil),
    DataCase(
        id: "helm-fromyaml/fromYamlArray-map-input-error", template: "{{ fromYamlArray \"a: 1\" }}", values: "",
        output: "[error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go value of type []interface {}]", error: nil),
    DataCase(
        id: "helm-fromyaml/fromYamlArray-empty", template: "{{ fromYamlArray \"\" }}", values: "",
        output: "[]", error: nil),
    DataCase(
        id: "helm-fromyaml/fromYaml-key-yes-becomes-true", template: "{{ fromYaml \"yes: 1\\nno: 2\" }}", values: "",
        output: "map[false:2 true:1]", error: nil),
    DataCase(
        id: "helm-fromyaml/fromYaml-tabs-error", template: "{{ (fromYaml \"a:\\n\\tb: 1\").Error }}", values: "",
        output: "error converting YAML to JSON: yaml: line 2: found character that cannot start any token", error: nil),
    DataCase(
        id: "helm-fromyaml/fromYaml-anchors", template: "{{ (fromYaml \"a: &x 5\\nb: *x\").b }}", values: "",
        output: "5", error: nil),
    DataCase(
        id: "helm-json/toJson-map", template: "{{ toJson .Values.m }}", values: "m:\n  z: 1\n  a: [x, {k: 2}]\n  s: \"<b>&'\"\nbig: 1000000\nf: 1.5\n",
        output: "{\"a\":[\"x\",{\"k\":2}],\"s\":\"\\u003cb\\u003e\\u0026'\",\"z\":1}", error: nil),
    DataCase(
        id: "helm-json/toJson-html-escaping", template: "{{ toJson \"<a href='x'>&</a>\" }}", values: "",
        output: "\"\\u003ca href='x'\\u003e\\u0026\\u003c/a\\u003e\"", error: nil),
    DataCase(
        id: "helm-json/toRawJson-no-escaping", template: "{{ toRawJson \"<a href='x'>&</a>\" }}", values: "",
        output: "\"<a href='x'>&</a>\"", error: nil),
    DataCase(
        id: "helm-json/toRawJson-map", template: "{{ toRawJson .Values.m }}", values: "m:\n  z: 1\n  a: [x, {k: 2}]\n  s: \"<b>&'\"\nbig: 1000000\nf: 1.5\n",
        output: "{\"a\":[\"x\",{\"k\":2}],\"s\":\"<b>&'\",\"z\":1}", error: nil),
    DataCase(
        id: "helm-json/mustToRawJson", template: "{{ mustToRawJson (dict \"a\" \"<\") }}", values: "",
        output: "{\"a\":\"<\"}", error: nil),
    DataCase(
        id: "helm-json/toPrettyJson", template: "{{ toPrettyJson .Values.m }}", values: "m:\n  z: 1\n  a: [x, {k: 2}]\n  s: \"<b>&'\"\nbig: 1000000\nf: 1.5\n",
        output: "{\n  \"a\": [\n    \"x\",\n    {\n      \"k\": 2\n    }\n  ],\n  \"s\": \"\\u003cb\\u003e\\u0026'\",\n  \"z\": 1\n}", error: nil),
    DataCase(
        id: "helm-json/toPrettyJson-empty", template: "{{ toPrettyJson (dict) }}|{{ toPrettyJson (list) }}", values: "",
        output: "{}|[]", error: nil),
    DataCase(
        id: "helm-json/mustToPrettyJson", template: "{{ mustToPrettyJson (list 1 (dict \"a\" nil)) }}", values: "",
        output: "[\n  1,\n  {\n    \"a\": null\n  }\n]", error: nil),
    DataCase(
        id: "helm-json/toJson-nil", template: "{{ toJson .Values.missing }}", values: "m:\n  z: 1\n  a: [x, {k: 2}]\n  s: \"<b>&'\"\nbig: 1000000\nf: 1.5\n",
        output: "null", error: nil),
    DataCase(
        id: "helm-json/toJson-string", template: "{{ toJson \"a\\\"b\\n\\t\\u0001é\" }}", values: "",
        output: "\"a\\\"b\\n\\t\\u0001é\"", error: nil),
    DataCase(
        id: "helm-json/toJson-big-values", template: "{{ toJson .Values.big }} {{ toJson .Values.f }}",
        values: "m:\n  z: 1\n  a: [x, {k: 2}]\n  s: \"<b>&'\"\nbig: 1000000\nf: 1.5\n",
        output: "1000000 1.5", error: nil),
    DataCase(
        id: "helm-json/toJson-floats", template: "{{ toJson 1e21 }} {{ toJson 1e20 }} {{ toJson 0.000001 }} {{ toJson 1e-7 }}", values: "",
        output: "1e+21 100000000000000000000 0.000001 1e-7", error: nil),
    DataCase(
        id: "helm-json/toJson-empty-collections", template: "{{ toJson (dict) }} {{ toJson (list) }}", values: "",
        output: "{} []", error: nil),
    DataCase(
        id: "helm-json/toJson-non-string-key-dict", template: "{{ dict 1 \"a\" | toJson }}", values: "",
        output: "{\"1\":\"a\"}", error: nil),
    DataCase(
        id: "helm-json/toJson-inf-swallowed", template: "[{{ toJson (float64 \"inf\") }}]", values: "",
        output: "[]", error: nil),
    DataCase(
        id: "helm-json/mustToJson-inf-error", template: "{{ mustToJson (float64 \"inf\") }}", values: "",
        output: nil, error: "error calling mustToJson: json: unsupported value: +Inf"),
    DataCase(
        id: "helm-json/toJson-map-with-inf-swallowed", template: "[{{ toJson (dict \"a\" 1 \"b\" (float64 \"inf\")) }}]", values: "",
        output: "[]", error: nil),
    DataCase(
        id: "helm-json/mustToJson", template: "{{ mustToJson (dict \"k\" (list true false)) }}", values: "",
        output: "{\"k\":[true,false]}", error: nil),
    DataCase(
        id: "helm-json/fromJson-error-key", template: "{{ (fromJson \"{bad json}\").Error }}", values: "",
        output: "invalid character 'b' looking for beginning of object key string", error: nil),
    DataCase(
        id: "helm-json/fromJson-array-input-error", template: "{{ fromJson \"[1, 2]\" }}", values: "",
        output: "map[Error:json: cannot unmarshal array into Go value of type map[string]interface {}]", error: nil),
    DataCase(
        id: "helm-json/fromJson-empty-string", template: "{{ fromJson \"\" }}", values: "",
        output: "map[Error:unexpected end of JSON input]", error: nil),
    DataCase(
        id: "helm-json/mustFromJson-error", template: "{{ mustFromJson \"{bad\" }}", values: "",
        output: nil, error: "error calling mustFromJson: invalid character 'b' looking for beginning of object key string"),
    DataCase(
        id: "helm-json/mustFromJson-valid", template: "{{ (mustFromJson \"{\\\"a\\\": 1}\").a }}", values: "",
        output: "1", error: nil),
    DataCase(
        id: "helm-json/fromJsonArray", template: "{{ fromJsonArray \"[1, \\\"a\\\", null, {\\\"k\\\": true}]\" }}", values: "",
        output: "[1 a <nil> map[k:true]]", error: nil),
    DataCase(
        id: "helm-json/toJson-fromJson-roundtrip", template: "{{ .Values.m | toJson | fromJson | toJson }}",
        values: "m:\n  z: 1\n  a: [x, {k: 2}]\n  s: \"<b>&'\"\nbig: 1000000\nf: 1.5\n",
        output: "{\"a\":[\"x\",{\"k\":2}],\"s\":\"\\u003cb\\u003e\\u0026'\",\"z\":1}", error: nil),
    DataCase(
        id: "helm-json/toJson-quote-idiom", template: "value: {{ .Values.m.s | toJson }}",
        values: "m:\n  z: 1\n  a: [x, {k: 2}]\n  s: \"<b>&'\"\nbig: 1000000\nf: 1.5\n",
        output: "value: \"\\u003cb\\u003e\\u0026'\"", error: nil),
    DataCase(
        id: "helm-json/toJson-keys-sorted", template: "{{ toJson (dict \"b\" 1 \"a\" 2 \"B\" 3) }}", values: "",
        output: "{\"B\":3,\"a\":2,\"b\":1}", error: nil),
    DataCase(
        id: "helm-json/fromJson-toYaml", template: "{{ fromJson \"{\\\"b\\\": [1, {\\\"c\\\": null}], \\\"a\\\": \\\"x\\\"}\" | toYaml }}", values: "",
        output: "a: x\nb:\n- 1\n- c: null", error: nil),
    DataCase(
        id: "helm-toml/toToml-map", template: "{{ toToml (dict \"a\" 1 \"b\" \"str\" \"c\" true) }}", values: "",
        output: "a = 1\nb = \"str\"\nc = true\n", error: nil),
    DataCase(
        id: "helm-toml/toToml-nested", template: "{{ toToml (dict \"top\" \"v\" \"tbl\" (dict \"k\" \"v2\" \"n\" 1.5)) }}", values: "",
        output: "top = \"v\"\n\n[tbl]\n  k = \"v2\"\n  n = 1.5\n", error: nil),
    DataCase(
        id: "helm-toml/toToml-values", template: "{{ toToml .Values }}", values: "name: x\nport: 8080\nlist: [1, 2]\nsub:\n  k: v\n",
        output: "list = [1.0, 2.0]\nname = \"x\"\nport = 8080.0\n\n[sub]\n  k = \"v\"\n", error: nil),
    DataCase(
        id: "helm-toml/toToml-list-of-maps", template: "{{ toToml (dict \"arr\" (list (dict \"a\" 1) (dict \"a\" 2))) }}", values: "",
        output: "[[arr]]\n  a = 1\n\n[[arr]]\n  a = 2\n", error: nil),
    DataCase(
        id: "helm-toml/toToml-string-scalar", template: "{{ toToml \"str\" }}", values: "",
        output: "\"str\"", error: nil),
    DataCase(
        id: "helm-toml/toToml-top-level-list", template: "{{ toToml (list 1 2) }}", values: "",
        output: "[1, 2]", error: nil),
    DataCase(
        id: "helm-toml/toToml-empty", template: "[{{ toToml (dict) }}]", values: "",
        output: "[]", error: nil),
    DataCase(
        id: "helm-toml/toToml-nil-values", template: "{{ toToml (dict \"a\" nil \"b\" 1) }}", values: "",
        output: "b = 1\n", error: nil),
    DataCase(
        id: "helm-toml/toToml-special-keys", template: "{{ toToml (dict \"a b\" 1 \"c.d\" 2) }}", values: "",
        output: "\"a b\" = 1\n\"c.d\" = 2\n", error: nil),
    DataCase(
        id: "helm-toml/toToml-multiline-string", template: "{{ toToml (dict \"s\" \"l1\\nl2\") }}", values: "",
        output: "s = \"l1\\nl2\"\n", error: nil),
    DataCase(
        id: "helm-toml/fromToml", template: "{{ (fromToml \"a = 1\\n[t]\\nb = \\\"x\\\"\").t.b }}", values: "",
        output: "x", error: nil),
    DataCase(
        id: "helm-toml/fromToml-error", template: "{{ (fromToml \"a = = 1\").Error }}", values: "",
        output: "toml: line 1 (last key \"a\"): expected value but found '=' instead", error: nil),
]

@Suite struct HelmDataTests {
    @Test(arguments: dataCases)
    func recordedOutput(_ c: DataCase) throws {
        let values = try YAML.loadValues(c.values)
        var set = TemplateSet(name: "t", functions: FunctionLibrary.helm)
        try set.parse(name: "t", text: c.template)
        do {
            let out = try set.execute("t", data: .dict(["Values": values]))
            #expect(out == c.output)
        } catch {
            let text = error.message
            #expect(c.error.map { text.hasSuffix($0) } == true, "\(text)")
        }
    }

    @Test func mustToYamlControlCharacters() throws {
        var set = TemplateSet(name: "t", functions: FunctionLibrary.helm)
        try set.parse(name: "t", text: "[{{ toYaml .s }}]")
        #expect(try set.execute("t", data: .dict(["s": .string("a\u{7F}")])) == "[]")
        try set.parse(name: "u", text: "{{ mustToYaml .s }}")
        #expect(throws: GoError.self) { try set.execute("u", data: .dict(["s": .string("a\u{7F}")])) }
    }
}
