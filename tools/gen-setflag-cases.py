#!/usr/bin/env python3
# Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
"""Records `helm template rel ./vals FLAGS` for Helm's --set family (--set-json, --set, --set-string, --set-file,
--set-literal, with -f and standard input) on a chart whose one template prints .Values as JSON and as a typed dump
(`{a: [float64(1); ]; }`), and writes them as a Swift table: Tests/EngineTests/SetFlagsCases.swift.
Run: python3 tools/gen-setflag-cases.py /path/to/helm-v4.1.4
"""
import ast, json, os, re, subprocess, sys, tempfile

from swiftlit import swift_string  # tools/swiftlit.py, shared by the generators

HELM = sys.argv[1]

CHART = "apiVersion: v2\nname: vals\nversion: 0.1.0\n"
# %T(%v) of every scalar; maps in key order, lists in order.
DUMP = """{{- define "dump" -}}
{{- if kindIs "map" . -}}
{ {{- range $k, $v := . }}{{ $k }}: {{ include "dump" $v }}; {{ end -}} }
{{- else if kindIs "slice" . -}}
[ {{- range . }}{{ include "dump" . }}; {{ end -}} ]
{{- else -}}
{{ printf "%T(%v)" . . }}
{{- end -}}
{{- end -}}
kind: ConfigMap
data:
  json: {{ toJson .Values | quote }}
  types: {{ include "dump" .Values | quote }}
"""
DEFAULTS = "keep:\n  x: 1\n"  # a chart default, for cases about coalescing
TEXT = "hello, world\nline2\n"
VALS = "k: values-file\nm: {f: 1}\n"
OUTER = "outer:\n  inner1: overwrite\n  inner2: value2\n  inner3: [overwrite]\n"

# (flags, extra files, stdin, chart has values.yaml defaults)
CASES = []


def case(flags, files=None, stdin="", defaults=False):
    CASES.append((flags, files or {}, stdin, defaults))


# --set-json, key=value form: values are Go encoding/json values (numbers float64), `key=` is null.
for a in ['a={"b":1,"c":[1,2.5,"s",null,true]}', 'a=1e3,b=12345678901234567890,c=-0,d=0.1,e=-7', 'a=[]',
          'a[0]={"x":1},a[2]=2', 'a.b[1].c="s"', 'a=,b=2', 'a=  ,b=[1]', 'a=1,', 'a=[1,2] ,b=3', 'a= "x"',
          'a=\t1\t,b=2', 'a=\u00a0 1', 'a\\.b=1', 'a\\,b=1', 'a="é",b="\\u00e9\\n"', 'a="x"y=1', 'a={"b":1}.c=2',
          'a=true,b=false,c=null,d="null"', 'a={"b":{"c":{}}}', 'a.b=1,a.c=2', 'a=1,a=2', '=1', 'a=""',
          # errors: Helm prints the argument only
          'a={"b":', 'a=tru', 'a=1 x', 'a=1,,b=2', 'a', ',', 'a="x",b', 'a=1e999', 'a=1 2', 'a=01', 'a=s',
          'a=[1,2', 'a=-', 'a={"b" 1}', 'a[0]x=1', 'a[x]=1', 'a[-1]=1', 'null', 'a.=1']:
    case(["--set-json", a])
# --set-json, JSON object form: merged into the values like a -f file.
for a in ['{"a":1}', ' {"a":{"b":[1,{"c":null}]}}\n', '{}', '{"a":1} x', ' {bad', '{"a":1e999}', '{"a":}']:
    case(["--set-json", a])
case(["--set-json", '{"m":{"g":2}}', "-f", "vals.yaml"], {"vals.yaml": VALS})
case(["--set-json", 'm={"g":2}', "-f", "vals.yaml"], {"vals.yaml": VALS})
case(["--set-json", '{"m":{"g":2}}', "--set-json", "m.h=[1]", "--set", "m.i=2", "-f", "vals.yaml"], {"vals.yaml": VALS})
case(["--set-json", ' {"m":1}', "--set-json", 'm={"x":1}'])
case(["--set-json", '{"keep":"s"}', "--set-json", '{"keep":{"z":1}}'], defaults=True)
case(["--set-json", '{"keep":{"y":2},"z":null}'], defaults=True)
case(["--set-json", '{"keep":null}'], defaults=True)
case(["--set-json", "keep=null"], defaults=True)
case(["--set-json", "keep.x="], defaults=True)
# Helm's own TestParseJSON cases, over its starting map as a -f file.
case(["--set-json", 'outer.inner1="1",outer.inner3=3,outer.inner4=true,outer.inner5="true"', "-f", "o.yaml"], {"o.yaml": OUTER})
case(["--set-json", 'outer.inner1={"a":"1","b":2,"c":[1,2,3]},outer.inner3=["new value 1","new value 2"],outer.inner4={"aa":"1","bb":2,"cc":[1,2,3]},outer.inner5=[{"A":"1","B":2,"C":[1,2,3]}]', "-f", "o.yaml"], {"o.yaml": OUTER})
case(["--set-json", 'outer.inner1=,outer.inner3={"aa":"1","bb":2,"cc":[1,2,3]},outer.inner3.cc[1]=null', "-f", "o.yaml"], {"o.yaml": OUTER})
case(["--set-json", 'outer.inner1={"a":"1","b":2,"c":[1,2,3]},outer.inner3=["new value 1","new value 2"],outer.inner4={"aa":"1","bb":2,"cc":[1,2,3]},outer.inner5={"A":"1","B":2,"C":[1,2,3]}]'])

# --set-literal: one key, then the rest verbatim.
for a in ['a=b,c=d', 'a=x=y', 'a.b=c.d', 'a,b=1', 'a\\.b=1', 'a=b\\,c', 'a[0]=1', 'a[1].b=true', 'a[0][1]=null',
          'a', 'a=', '=x', 'a[x]=1', 'a[0]x=1', 'a[-1]=1', 'a.=1', '.a=1', 'a..b=1', 'a[0]', 'a[0].b', 'a{1,2}=3',
          'a={1,2}', 'a=  spaced  ', 'a[65537]=1', 'a.b[0]=x', ']={}].', 'name1.,name2', 'a[0]xy"é=1',
          'name1=value,,,tail', 'long=1234567890', 'nested[1][1]=1', 'noval[0]=', 'a=s,a[0]=1', 'a=\\n\\t"\'',
          'a[99999999999999999999]=1', 'a[=1']:
    case(["--set-literal", a])
case(["--set-literal", "a=1", "--set-literal", "a.b=2"])
case(["--set", "a.b=1", "--set-literal", "a.c=x,y"])

# --set-file: --set syntax, every value a path read as a string.
FILES = {"f.txt": TEXT, "g.txt": "G", "d/x": "in a directory\n", "f,x": "comma\n", "é.txt": "accent\n"}
for a in ['a=f.txt', 'a=nofile', 'a=d', 'a=d/x', 'a=f.txt/x', 'a=%zz', 'a=:x', 'a=1a:b/c', 'a=f.txt#%zz', 'a=%zz#x',
          'a=//h:abc/x', 'a=file:f.txt', 'a=c:f.txt', 'a=', 'a=,b=f.txt', 'a={f.txt,g.txt}', 'a={}', 'a[1]=f.txt',
          'a=f.txt?x', 'a=f.txt?', 'a.b=f.txt,c=g.txt', 'a', 'a={f.txt', 'a=x\x01y', 'a=//[::1/x', 'a=*', 'a=x%41',
          'a=//u@h/x', 'a=//h%41/x', 'a=//h%C3%A9/x', 'a=//h{/x', 'a=//u{@h/x', 'a=//u%zz@h/x', 'a=x%4', 'a=a%',
          'a=//h:/x', 'a=///x', 'a=f\\,x', 'a=é.txt', 'a=./f.txt', 'a[0].b=g.txt']:
    case(["--set-file", a], FILES)

# --set and --set-string: Go's aliasing and panics, []rune %q, EqualFold.
for a in ['a[0]x=1', 'a[0]xy"é=1', 'a=s,a[0]=1', 'a=s,a.b=1', 'a[0]=s,a[0][0]=1', 'a[0]=s,a[0].b=1',
          'a=null,a[0]=1', 'a[0].', 'a[1].,b=1', 'a[0]=x,a[0].', 'a.b.', 'x=1,a[0].b.', 'a[0].b=', 'a[0].c=1,a[0].b=',
          'a[1].b=', 'a[0][0]=', 'a.b[0].c=', 'a[0].b={1}', 'a[0].b[0]=', 'a[0][0]=x,a[0][0].', 'a=falſe,b=TRUE,c=Null',
          'a=+5,b=-0,c=007', 'a[0][0].b=1,a[0][1]=2', 'a.b={x,y},a.c={}',
          # index parsing: Go's strconv.Atoi range error, and an index left open
          'a[99999999999999999999]=1', 'a[-99999999999999999999]=1', 'a[+1]=1', 'a[=1', 'a[1=1', 'a[',
          'a[0][=1', 'b=2,a[', 'x.a[=1', 'a[0].b[', 'a=[1],a[0][1=2']:
    case(["--set", a])
    case(["--set-string", a])
case(["--set-json", "a=[1,2]", "--set", "a[1]=x"])
case(["--set-json", 'a=[[1]]', "--set", "a[0][1]=x"])
case(["--set-json", 'a={"b":1}', "--set", "a.c=2"])

# Precedence: -f, then --set-json, --set, --set-string, --set-file, --set-literal, whatever the command-line order.
PREC = {"vals.yaml": VALS, "v.txt": "fromfile"}
case(["--set-literal", "k=literal", "--set-file", "k=v.txt", "--set-string", "k=string", "--set", "k=set",
      "--set-json", 'k="json"', "-f", "vals.yaml"], PREC)
case(["--set-file", "k=v.txt", "--set-string", "k=string", "--set", "k=set", "--set-json", 'k="json"', "-f", "vals.yaml"], PREC)
case(["--set-string", "k=string", "--set", "k=set", "--set-json", 'k="json"', "-f", "vals.yaml"], PREC)
case(["--set", "k=set", "--set-json", 'k="json"', "-f", "vals.yaml"], PREC)
case(["--set-json", 'k="json"', "-f", "vals.yaml"], PREC)
case(["--set", "k=1", "--set", "k=2", "--set-json", "k=3", "--set-json", "k=4"])
case(["--set-literal", "m.f=x", "--set-json", '{"m":{"g":2}}', "-f", "vals.yaml"], PREC)
# The first failing flag in Helm's order is the one reported.
case(["--set-literal", "a", "--set-file", "a=nofile", "--set", "a[x]=1", "--set-json", "a"])
case(["--set-literal", "a", "--set-file", "a=nofile", "--set", "a[x]=1"])
case(["--set-literal", "a", "--set-file", "a=nofile"])

# Standard input: `-` (white space around it allowed); what -f reads first, --set-file no longer sees.
case(["--set-file", "a=-"], stdin="from stdin\n")
case(["--set-file", "a= - "], stdin="from stdin\n")
case(["--set-file", "a=-,b=-"], stdin="once\n")
case(["-f", "-", "--set-file", "a=-"], stdin="q: 1\n")
case(["-f", "vals.yaml", "-f", "-", "--set", "k=set"], {"vals.yaml": VALS}, stdin="k: stdin\nm: {g: 2}\n")
case(["-f", "%zz"])
case(["-f", "nofile.yaml"])


def run(flags, files, stdin, defaults):
    with tempfile.TemporaryDirectory() as d:
        allfiles = {"vals/Chart.yaml": CHART, "vals/templates/dump.yaml": DUMP}
        if defaults:
            allfiles["vals/values.yaml"] = DEFAULTS
        allfiles.update(files)
        for rel, text in allfiles.items():
            p = os.path.join(d, rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "w") as f:
                f.write(text)
        p = subprocess.run([HELM, "template", "rel", "./vals"] + flags, cwd=d, capture_output=True,
                           input=stdin.encode())
        return allfiles, p.stdout.decode(), p.stderr.decode(), p.returncode


def types_line(stdout):
    m = re.search(r'^  types: (".*")$', stdout, re.M)
    if not m:
        return None
    # Go's %q output; Python's literal syntax reads the escapes Go writes here (\", \\, \n, \t, \xNN, \uNNNN).
    return ast.literal_eval(m.group(1))


out = ["// Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0", "// Generated by tools/gen-setflag-cases.py from helm v4.1.4; do not edit.", "",
       "/// The chart: its one template prints .Values as JSON and as a typed dump (`{a: [float64(1); ]; }`).",
       "let setFlagChart: [String: String] = [",
       f"    \"vals/Chart.yaml\": {swift_string(CHART)},",
       f"    \"vals/templates/dump.yaml\": {swift_string(DUMP)},",
       "]", "",
       "/// vals/values.yaml for the cases with `defaults`.",
       f"let setFlagChartDefaults = {swift_string(DEFAULTS)}", "",
       "/// `helm template rel ./vals FLAGS` (with `stdin` on standard input) for Helm's --set family: the files",
       "/// beside the chart, Helm's stdout, stderr and exit code, and the typed dump of .Values (nil on error).",
       "let setFlagCases: [SetFlagCase] = ["]
seen = set()
for flags, files, stdin, defaults in CASES:
    key = (tuple(flags), stdin, defaults)
    assert key not in seen, flags
    seen.add(key)
    allfiles, so, se, rc = run(flags, files, stdin, defaults)
    out.append("    SetFlagCase(")
    out.append("        flags: [" + ", ".join(swift_string(f) for f in flags) + "],")
    if files:
        out.append("        files: [")
        for k in sorted(files):
            out.append(f"            {swift_string(k)}: {swift_string(files[k])},")
        out.append("        ],")
    if defaults:
        out.append("        defaults: true,")
    if stdin:
        out.append(f"        stdin: {swift_string(stdin)},")
    out.append(f"        stdout: {swift_string(so)},")
    out.append(f"        stderr: {swift_string(se)},")
    out.append(f"        exitCode: {rc},")
    t = types_line(so)
    out.append(f"        values: {'nil' if t is None else swift_string(t)}),")
out.append("]")
path = os.path.join(os.path.dirname(__file__), "..", "Tests", "EngineTests", "SetFlagsCases.swift")
open(path, "w").write("\n".join(out) + "\n")
print(f"{len(CASES)} cases")
