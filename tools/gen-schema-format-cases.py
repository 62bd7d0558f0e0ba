#!/usr/bin/env python3
# Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
"""Records `helm template demo ./demo -f values.yaml` for values.schema.json `format` keywords: for each
(draft, format, value) below, a chart `demo` (one ConfigMap template) whose schema gives property `v` that format,
and a values file setting `v`; Helm's stderr and exit code go into Tests/EngineTests/SchemaFormatCases.swift.

santhosh-tekuri/jsonschema (Helm's validator) asserts formats for drafts 4, 6 and 7 and not for 2019-09, 2020-12
(the default without `$schema`).
Run: python3 tools/gen-schema-format-cases.py [/path/to/helm-v4.1.4]   (default /tmp/refhelm/helm)
"""
import json, os, subprocess, sys, tempfile

from swiftlit import swift_string  # tools/swiftlit.py, shared by the generators

HELM = sys.argv[1] if len(sys.argv) > 1 else "/tmp/refhelm/helm"

DRAFTS = {
    "04": "http://json-schema.org/draft-04/schema#",
    "06": "http://json-schema.org/draft-06/schema#",
    "07": "http://json-schema.org/draft-07/schema#",
    "2019": "https://json-schema.org/draft/2019-09/schema",
    "2020": "https://json-schema.org/draft/2020-12/schema",
    "none": None,
}

# format -> values (strings unless noted); every one is checked under draft-07.
VALUES = {
    "email": ["a@b.com", "notanemail", ".a@b.com", "a.@b.com", "a..b@c.com", "a b@c.com", '"a b"@c.com',
              '"a\\b"@c.com', '"a"b"@c.com', "a@[1.2.3.4]", "a@[1.2.3]", "a@[01.2.3.4]", "a@[IPv6:::1]",
              "a@[IPv6:zz]", "a@[IPv6:1.2.3.4]", "a@-b.com", "a@b..com", "a@", '"@b.com', "é@b.com", "a@b_c.com",
              "x" * 65 + "@b.com", "x" * 60 + "@" + "y" * 200 + ".com", "a'b", "a@b@c.com", "a@é.com",
              "@b.com", "a@b.com."],
    "hostname": ["example.com", "example.com.", "-a.com", "a-.com", "a..b", "a_b.com", "x" * 64 + ".com",
                 ("a" * 60 + ".") * 4 + "abcdefghij", "", ".", "ex ample", "é.com", "a.-", "xn--bcher-kva.ch",
                 "1.2.3.4"],
    "ipv4": ["1.2.3.4", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.x", "1.2.3.256", "1.2.3.-1", "1.2.3.+1",
             "1..2.3", "1.2.3.99999999999999999999", "1.2.3. 1", "0.0.0.0", "1.2.3.00", "1.2.3.é", "",
             "1.2.3.4\n"],
    "ipv6": ["::1", "1.2.3.4", "fe80::1%eth0", "::g", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "::1.2.3.4",
             "1:2:3:4:5:6:1.2.3.4", "::1.2.3.256", "::1.2.3", "::01.2.3.4", "1:2:3:4:5:6:7:1.2.3.4",
             "1:2:3:4:5:1.2.3.4", "1.2.3.4:5", "::%", ":1", "1:", "1:2:3:4:5:6:7:8::", "::00001", "1:2:3",
             "1:2:3:4:5:6:7:8", "1::8", "%eth0", "::ffff:1.2.3.4", "1:2:3:4:5:6:7::", "::1.2.3.4%x", "a:b:c::é",
             "::1.2.3.4.5", "::1..2.3", "1:2:3:4:5:6:7:8:"],
    "uuid": ["123e4567-e89b-12d3-a456-426614174000", "123E4567-E89B-12D3-A456-426614174000", "123",
             "123e4567-e89b-12d3-a456-42661417400", "123e4567-e89b-12d3-a456-42661417400g",
             "123e4567e89b-12d3-a456-426614174000-1234", "123e456-e89b-12d3-a456-426614174000", "",
             "123e4567-e89b-12d3-a456-42661417400é"],
    "duration": ["P1D", "PT1H30M", "P1W", "P1Y1M1DT1H1M1S", "1D", "P", "PW", "P1.5W", "PT", "P1DT1HT1M",
                 "P1DT", "PD", "P1", "P1X", "P1D1M", "PT1D", "P1M1Y", "P1é", "PT1S1H", "P1YT", "P1W1D", "p1D",
                 "P1DTT1H", "PT36H"],
    "period": ["2020-01-01T00:00:00Z/P1D", "P1D/2020-01-01T00:00:00Z", "2020-01-01T00:00:00Z/2020-02-01T00:00:00Z",
               "x", "P1X/2020-01-01T00:00:00Z", "P1D/x", "x/P1D", "2020-01-01T00:00:00Z/PX",
               "2020-01-01T00:00:00Z/x", "P1D/P2D", "/", "2020-01-01T00:00:00Z/P1D/x"],
    "date": ["2020-01-01", "2020-13-01", "2020-02-30", "2020-1-01", "20-01-01", "2020/01/01", "2020-01-01x",
             "x", "", "2020-00-10", "2020-01-00", "2021-02-29", "2020-02-29", "+2020-01-01", "2020-01-1",
             "2020-01-32", "2020-04-31", "0000-01-01", "2020-01-01T00:00:00Z", "2020-01-", "2020-01-0x",
             "2020-1x-01", "99999-01-01", "2020_01-01", "é020-01-01", "2020-01-01é", "2020-01-é1"],
    "time": ["12:00:00Z", "12:00:00.5+01:00", "12:00", "12-00-00Z", "1a:00:00Z", "-1:00:00Z", "24:00:00Z",
             "12:60:00Z", "12:00:61Z", "12:00:00.Z", "12:00:00+0100", "12:00:00X01:00", "12:00:00+01-00",
             "12:00:00+0a:00", "12:00:00+24:00", "12:00:00+01:60", "23:59:60Z", "12:00:60Z", "12:00:00z",
             "22:59:60-01:00", "00:59:60+01:00", "+1:00:00Z", "12:00:00+-1:00", "12:00:00", "12:00:00.123",
             "12:00:00.1234567890Z", "12:00:00 Z", "12:00:00+01:00x", "1 :00:00Z", "12:00:0éZ", "12:00:00é",
             "23:59:60+00:00"],
    "date-time": ["2020-01-01T00:00:00Z", "2020-01-01", "2020-01-01 00:00:00Z", "2020-13-01T00:00:00Z",
                  "2020-01-01T25:00:00Z", "2020-01-01t00:00:00z", "2020-01-01T00:00:00.5+05:30",
                  "2020-02-30T00:00:00Z", "x" * 20, "2020-01-01T00:00:00", "2016-12-31T23:59:60Z",
                  "2020-01-01T00:00:00+0100", "2020-01-0xT00:00:00Z"],
    "json-pointer": ["", "/a/b", "a", "/a~2", "/a~", "/~0~1", "/", "//", "/a~0b", "#/a", "/é", "/a/~"],
    "relative-json-pointer": ["0/a", "1#", "a", "01/a", "0a", "0", "10/a", "1##", "", "-1/a", "0~1", "2/a~3",
                              "0#/a"],
    "uri": ["http://example.com/a?b#c", "/relative", "mailto:a@b.c", "http://[::1]/", "http://::1/",
            "http://[::g]/", "http://[fe80::1%25eth0]/", "http://a b.com/", "http://x/%zz", ":x", "a:b",
            "http://x:abc/", "http://x/\x01", "1a:b", "http://[::1", "http://u%zz@h/", "http://h/#%zz", "",
            "http:", "HTTP://EX.COM", "http://ex.com/é", "http://[1.2.3.4]/", "http://x:8080/",
            "http://u:p@h:1/", "http://h/a b", "http://h/?q=%zz", "http://[::1]:x/", "http://h%41/",
            "http://h%2g/", "http://[::1]x/", "//h/p", "http://x/a\\b", "urn:isbn:0451450523", "a%zz:b",
            "http://u{@h/", "http://h{/", "ht_tp://x", "http://%31.2.3.4/", "http://[::1%eth0]/", "x:/%",
            "http://1::2/", "http://[1::2]:80/", "*", "http://h/#a#b", "http://h:/", "http://a[b]/",
            "foo://a:b:c/", "http://[%25eth0]/", "http://[::1%25%zz]/", "http://[::1%25a%20b]/",
            "http://[::1%25a%41]/", "http://[::1%25a%2F]/", "http://[abc]/", "http://[::1]:80:80/",
            "http://h/%zé", "http://[::ffff:1.2.3.4]/", "http://[::1%25]/", "http://u:p:q@h/",
            "http://h%C3%A9.com/", "http://[::%C3%A9]/", "HtTp://h/"],
    "iri": ["http://ex.com/é", "é", "http://ex.com/%zz", "http://ex.com/a b"],
    "uri-reference": ["/a/b", "a\\b", "%zz", ":x", "#frag", "", "a:b", "http://[::g]/", "1a:b", "//h/p",
                      "./x:y", "?q", "http://[::1"],
    "iri-reference": ["/é", "a\\b", "%zz", "é:x"],
    "uri-template": ["http://ex.com/{id}", "http://ex.com/{id", "http://ex.com/{{id}}", "http://ex.com/}id{",
                     "/{a}/{b}", "{a}", "http://ex.com/%7Bid", "http://ex.com/a%2Fb{", "http://ex.com/%zz{",
                     "http://ex.com/{a}?x={b", "http://ex.com/x#{", "http://ex.com/a}", "{a", "a/{b}c}/d",
                     "http://ex.com/{a}%20{", "http://[::g]/{a}", "/é{", "/é{a}", "", "http://h/%7b{",
                     "/a%41{", "/a%41{b}", "http://ex.com/{a}#{", "/a{b}/{c", "mailto:{x"],
    "semver": ["1.2.3", "1.2.3-alpha.1+build.5", "1.2", "01.2.3", "1.x.3", "1..3", "1.2.3+", "1.2.3+a..b",
               "1.2.3+a_b", "1.2.3-", "1.2.3-01", "1.2.3-a_b", "v1.2.3", "1.2.3-0", "1.2.03", "1.2.3.4", "",
               "1.2.3-é", "1.2.3+é", "1.2.é", "1.2.3-a-b+c-d", "1.2.3+001", "1.2.3-00a", ".2.3", "1.2."],
    "regex": ["^a+$", "(", "a**", "[z-a]", "\\", "(?P<name>x)", "(?<name>x)", "x{1001}", "\\p{Foo}", "(?i",
              "a)", "[a", "*", "\\8", "(?P<n>a)(?P<n>b)", "a{2,1}", "(?z)", "[[:foo:]]", "\\Q(\\E", "x{2}{3}",
              "é+", "(?P<>a)", "\\pX", "[a-\\d]", "\\xZZ", "(?", "(?i-", "\\x", "\\xA", "\\xAZ", "\\xZ",
              "[[:^foo:]]", "\\x{", "(?P<n>a)(?<n>b)", "a\\"],
    "unknown-format": ["anything", ""],
}

# Non-string values: formats check strings only.
NONSTRING = [("email", "5"), ("ipv4", "1234"), ("date", "true"), ("regex", "5"), ("uri", "[a]"),
             ("hostname", "{a: 1}"), ("uuid", "null"), ("duration", "1.5"), ("time", "[]"),
             ("semver", "{}"), ("json-pointer", "7"), ("ipv6", "false")]

# One invalid value per format, for the other drafts.
def first_invalid(fmt):
    return {"email": "notanemail", "hostname": "-a.com", "ipv4": "1.2.3", "ipv6": "::g", "uuid": "123",
            "duration": "1D", "period": "x", "date": "2020-13-01", "time": "12:00", "date-time": "2020-01-01",
            "json-pointer": "a", "relative-json-pointer": "a", "uri": "/relative", "iri": "é",
            "uri-reference": "%zz", "iri-reference": "a\\b", "uri-template": "http://ex.com/{id",
            "semver": "1.2", "regex": "(", "unknown-format": "x"}[fmt]


CASES = []  # (schema json text, values yaml text)


def yaml_str(s):
    # A JSON string is a YAML double-quoted scalar (non-ASCII kept as is).
    return json.dumps(s, ensure_ascii=False)


def schema_for(draft, sub):
    doc = {}
    if DRAFTS[draft]:
        doc["$schema"] = DRAFTS[draft]
    doc["properties"] = {"v": sub}
    return json.dumps(doc, ensure_ascii=False)


def case(draft, sub, values):
    CASES.append((schema_for(draft, sub), values))


for fmt, vals in VALUES.items():
    for v in vals:
        case("07", {"format": fmt}, "v: " + yaml_str(v))
for fmt, v in NONSTRING:
    case("07", {"format": fmt}, "v: " + v)
for draft in ["04", "06", "2019", "2020", "none"]:
    for fmt in VALUES:
        case(draft, {"format": fmt}, "v: " + yaml_str(first_invalid(fmt)))
    case(draft, {"format": "email"}, "v: " + yaml_str("a@b.com"))

# Where format is evaluated: after type, const and enum, before $ref and the type-specific keywords, and it
# ends the schema's evaluation.
case("07", {"type": "string", "minLength": 50, "format": "email"}, 'v: "x"')
case("07", {"type": "integer", "format": "email"}, 'v: "x"')
case("07", {"enum": ["x"], "format": "email"}, 'v: "y"')
case("07", {"const": "x", "format": "email"}, 'v: "y"')
case("07", {"format": "email", "pattern": "^z"}, 'v: "y"')
case("07", {"format": "email", "pattern": "^z"}, 'v: "y@b.com"')
case("07", {"format": "ipv4", "$ref": "#/definitions/long"}, 'v: "x"')
case("07", {"format": "ipv4", "$ref": "#/definitions/long"}, 'v: "1.2.3.4"')
case("07", {"$ref": "#/definitions/ip"}, 'v: "x"')
case("07", {"type": "array", "items": {"format": "ipv4"}}, 'v: ["1.2.3.4", "x"]')
case("07", {"anyOf": [{"format": "ipv4"}, {"format": "ipv6"}]}, 'v: "x"')
case("07", {"anyOf": [{"format": "ipv4"}, {"format": "ipv6"}]}, 'v: "::1"')
case("07", {"not": {"format": "ipv4"}}, 'v: "1.2.3.4"')
case("07", {"oneOf": [{"format": "ipv4"}, {"format": "hostname"}]}, 'v: "1.2.3.4"')
case("07", {"type": "object", "properties": {"w": {"format": "date"}}}, 'v: {w: "2020-02-30"}')
case("07", {"allOf": [{"format": "date"}, {"minLength": 20}]}, 'v: "2020-02-30"')
case("07", {"if": {"format": "ipv4"}, "then": {"maxLength": 7}, "else": {"format": "hostname"}}, 'v: "1.2.3.45"')
case("07", {"if": {"format": "ipv4"}, "then": {"maxLength": 7}, "else": {"format": "hostname"}}, 'v: "a_b"')
case("04", {"type": "array", "items": [{"format": "uuid"}], "additionalItems": {"format": "ipv4"}}, 'v: ["1", "2"]')
case("2020", {"format": "email", "minLength": 3}, 'v: "x"')
case("07", {"format": "email"}, 'v: "tab\\there"')


def with_definitions(schema_text):
    doc = json.loads(schema_text)
    doc["definitions"] = {"long": {"minLength": 30}, "ip": {"format": "ipv4"}}
    return json.dumps(doc, ensure_ascii=False)


CASES = [(with_definitions(s) if "#/definitions/" in s else s, v) for s, v in CASES]


def run(schema, values):
    with tempfile.TemporaryDirectory() as d:
        os.makedirs(os.path.join(d, "demo", "templates"))
        files = {"demo/Chart.yaml": "apiVersion: v2\nname: demo\nversion: 0.1.0\n",
                 "demo/templates/cm.yaml": "kind: ConfigMap\n",
                 "demo/values.schema.json": schema,
                 "values.yaml": values + "\n"}
        for k, v in files.items():
            with open(os.path.join(d, k), "w", encoding="utf-8") as f:
                f.write(v)
        p = subprocess.run([HELM, "template", "demo", "./demo", "-f", "values.yaml"], cwd=d, capture_output=True,
                           env={"PATH": "/usr/bin:/bin", "HOME": d, "HELM_CACHE_HOME": d, "HELM_CONFIG_HOME": d,
                                "HELM_DATA_HOME": d})
        return p.stderr.decode("utf-8"), p.returncode


out = ["// Generated by tools/gen-schema-format-cases.py from helm v4.1.4; do not edit.", "",
       "/// `helm template demo ./demo -f values.yaml` with `demo/values.schema.json` = `schema` and `values.yaml` =",
       "/// `values` (chart demo 0.1.0, one template `kind: ConfigMap`): Helm's stderr and exit code.",
       "let schemaFormatCases: [SchemaFormatCase] = ["]
seen = set()
for schema, values in CASES:
    assert (schema, values) not in seen, (schema, values)
    seen.add((schema, values))
    se, rc = run(schema, values)
    out.append("    SchemaFormatCase(")
    out.append(f"        schema: {swift_string(schema)},")
    out.append(f"        values: {swift_string(values)},")
    out.append(f"        stderr: {swift_string(se)},")
    out.append(f"        exitCode: {rc}),")
out.append("]")
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "EngineTests", "SchemaFormatCases.swift")
with open(path, "w", encoding="utf-8") as f:
    f.write("\n".join(out) + "\n")
print(f"{len(CASES)} cases")
