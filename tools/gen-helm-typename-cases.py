#!/usr/bin/env python3
# Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
"""Records the Go type names and serialisations Helm v4 lets templates see — `typeOf`, `kindOf`, `typeIs`,
`printf "%T"`, `%v`/`%#v` and `toJson`/`toYaml` of `.Values`, `$`, `.Capabilities` (and its parts), `.Files`,
`.Chart`, `.Release`, `.Template`, `.Subcharts` and time values — from the reference helm, as conformance
cases (the format of Tests/Corpus/conformance/README.md, recipe `notes`):
Tests/EngineTests/typename-cases.jsonl, run by Tests/EngineTests/HelmTypeNameTests.swift.

Run: python3 tools/gen-helm-typename-cases.py /path/to/helm-v4.1.4   (TZ=UTC is set for the recording)
"""
import json, os, subprocess, sys, tempfile

HELM = sys.argv[1]
CHART = "apiVersion: v2\nname: conf\nversion: 0.1.0\n"
VALUES = "a:\n  b: 1\nlist: [1, two]\ns: str\n"
SUB = {
    "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.2.0\n",
    "charts/sub/values.yaml": "x: 1\n",
    "files/a.txt": "A\n",
}

OBJECTS = [
    ("values", ".Values"), ("dollar", "$"), ("dot", "."), ("capabilities", ".Capabilities"),
    ("kubeversion", ".Capabilities.KubeVersion"), ("apiversions", ".Capabilities.APIVersions"),
    ("helmversion", ".Capabilities.HelmVersion"), ("files", ".Files"), ("chart", ".Chart"),
    ("release", ".Release"), ("template", ".Template"), ("subcharts", ".Subcharts"),
    ("subchart", ".Subcharts.sub"), ("values-map", ".Values.a"), ("values-list", ".Values.list"),
    ("values-number", ".Values.a.b"), ("release-revision", ".Release.Revision"),
    ("release-isinstall", ".Release.IsInstall"), ("chart-name", ".Chart.Name"),
    ("chart-maintainers", ".Chart.Maintainers"), ("chart-keywords", ".Chart.Keywords"),
    ("chart-annotations", ".Chart.Annotations"), ("chart-dependencies", ".Chart.Dependencies"),
    ("kube-major", ".Capabilities.KubeVersion.Major"), ("files-get", "(.Files.Get \"files/a.txt\")"),
    ("files-getbytes", "(.Files.GetBytes \"files/a.txt\")"), ("files-lines", "(.Files.Lines \"files/a.txt\")"),
    ("files-glob", "(.Files.Glob \"files/*\")"), ("values-asmap", "(.Values.AsMap)"),
    ("values-table", "(.Values.Table \"a\")"), ("template-name", ".Template.Name"),
    ("time", "(toDate \"2006-01-02\" \"2024-03-05\")"), ("semver", "(semver \"1.2.3\")"),
    ("dict", "(dict \"a\" 1)"), ("list", "(list 1 2)"), ("int", "(int 3)"), ("int64", "(int64 3)"),
    ("float", "(float64 3)"), ("splitlist", "(splitList \",\" \"a,b\")"), ("b64", "(b64enc \"x\")"),
]

ROWS = []
for key, expr in OBJECTS:
    ROWS.append(("typeof-" + key, "{{ typeOf %s }}" % expr))
    ROWS.append(("kindof-" + key, "{{ kindOf %s }}" % expr))
    ROWS.append(("printf-T-" + key, "{{ printf \"%%T\" %s }}" % expr))
ROWS += [
    ("typeis-values", "{{ typeIs \"common.Values\" .Values }} {{ typeIs \"map[string]interface {}\" .Values }}"),
    ("typeis-dollar", "{{ typeIs \"common.Values\" $ }} {{ typeIs \"map[string]interface {}\" $ }}"),
    ("typeis-capabilities", "{{ typeIs \"*common.Capabilities\" .Capabilities }}"),
    ("typeis-chart", "{{ typeIs \"*chart.Metadata\" .Chart }} {{ typeIsLike \"chart.Metadata\" .Chart }}"),
    ("typeislike-values", "{{ typeIsLike \"common.Values\" .Values }}"),
    ("kindis-values", "{{ kindIs \"map\" .Values }} {{ kindIs \"map\" $ }} {{ kindIs \"ptr\" .Capabilities }}"),
    ("printf-v-kubeversion", "{{ printf \"%v\" .Capabilities.KubeVersion }}"),
    ("printf-+v-kubeversion", "{{ printf \"%+v\" .Capabilities.KubeVersion }}"),
    ("printf-#v-kubeversion", "{{ printf \"%#v\" .Capabilities.KubeVersion }}"),
    ("print-kubeversion", "{{ .Capabilities.KubeVersion }} {{ print .Capabilities.KubeVersion }} {{ toString .Capabilities.KubeVersion }}"),
    ("printf-v-helmversion", "{{ printf \"%v\" .Capabilities.HelmVersion }}"),
    ("printf-#v-helmversion", "{{ printf \"%#v\" .Capabilities.HelmVersion }}"),
    ("printf-v-apiversions", "{{ printf \"%v\" (len .Capabilities.APIVersions) }} {{ printf \"%#v\" (slice .Capabilities.APIVersions 0 2) }}"),
    ("printf-T-apiversions-slice", "{{ printf \"%T\" (slice .Capabilities.APIVersions 0 2) }}"),
    ("printf-v-values", "{{ printf \"%v\" .Values }}"),
    ("printf-#v-values", "{{ printf \"%#v\" .Values }}"),
    ("printf-#v-values-a", "{{ printf \"%#v\" .Values.a }}"),
    ("printf-v-release", "{{ printf \"%v\" .Release }}"),
    ("printf-#v-release", "{{ printf \"%#v\" .Release }}"),
    ("printf-v-template", "{{ printf \"%v\" .Template }}"),
    ("printf-#v-template", "{{ printf \"%#v\" .Template }}"),
    ("printf-v-files", "{{ printf \"%v\" .Files }}"),
    ("printf-#v-files", "{{ printf \"%#v\" .Files }}"),
    ("printf-v-chart", "{{ printf \"%v\" .Chart }}"),
    ("printf-+v-chart", "{{ printf \"%+v\" .Chart }}"),
    ("printf-v-time", "{{ printf \"%v\" (toDate \"2006-01-02\" \"2024-03-05\") }}"),
    ("printf-#v-time", "{{ printf \"%#v\" (toDate \"2006-01-02\" \"2024-03-05\") }}"),
    ("printf-#v-time-zone", "{{ printf \"%#v\" (toDate \"2006-01-02T15:04:05Z07:00\" \"2024-03-05T10:20:30+02:00\") }}"),
    ("printf-#v-time-utc", "{{ printf \"%#v\" ((toDate \"2006-01-02T15:04:05.999Z07:00\" \"2024-12-31T23:59:58.5+02:00\").UTC) }}"),
    ("printf-#v-semver", "{{ printf \"%v\" (semver \"1.2.3-rc.1+b\") }}"),
    ("tojson-capabilities", "{{ toJson .Capabilities }}"),
    ("toyaml-capabilities", "{{ toYaml .Capabilities }}"),
    ("tojson-kubeversion", "{{ toJson .Capabilities.KubeVersion }}"),
    ("toyaml-kubeversion", "{{ toYaml .Capabilities.KubeVersion }}"),
    ("tojson-helmversion", "{{ toJson .Capabilities.HelmVersion }}"),
    ("toyaml-helmversion", "{{ toYaml .Capabilities.HelmVersion }}"),
    ("tojson-chart", "{{ toJson .Chart }}"),
    ("toyaml-chart", "{{ toYaml .Chart }}"),
    ("tojson-subchart-chart", "{{ toJson .Subcharts.sub.Chart }}"),
    ("tojson-release", "{{ toJson .Release }}"),
    ("toyaml-release", "{{ toYaml .Release }}"),
    ("tojson-template", "{{ toJson .Template }}"),
    ("tojson-files", "{{ toJson .Files }}"),
    ("toyaml-files", "{{ toYaml .Files }}"),
    ("tojson-values", "{{ toJson .Values }}"),
    ("tojson-time", "{{ toJson (toDate \"2006-01-02\" \"2024-03-05\") }}"),
    ("toyaml-time", "{{ toYaml (toDate \"2006-01-02\" \"2024-03-05\") }}"),
    ("toprettyjson-kubeversion", "{{ toPrettyJson .Capabilities.KubeVersion }}"),
    ("torawjson-capabilities-helm", "{{ toRawJson .Capabilities.HelmVersion }}"),
    ("deepcopy-release", "{{ printf \"%T\" (deepCopy .Release) }} {{ toJson (deepCopy .Release) }}"),
    ("fromjson-tojson-capabilities", "{{ (fromJson (toJson .Capabilities)).KubeVersion }}"),
]

CHART_EXTRA = ("description: d\nkeywords: [k1, k2]\nmaintainers:\n  - name: m\n    email: m@x.io\n"
               "annotations:\n  a: b\ndependencies:\n  - name: sub\n    version: 0.2.0\n")


def run(template):
    with tempfile.TemporaryDirectory() as d:
        chart = os.path.join(d, "conf")
        files = {"Chart.yaml": CHART + CHART_EXTRA, "values.yaml": VALUES, "templates/NOTES.txt": template}
        files.update(SUB)
        for rel, text in files.items():
            p = os.path.join(chart, rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "w") as f:
                f.write(text)
        env = dict(os.environ, TZ="UTC")
        p = subprocess.run([HELM, "install", "r", "./conf", "--dry-run=client", "-o", "json", "--namespace", "ns1"],
                           cwd=d, capture_output=True, env=env)
        if p.returncode == 0:
            return {"output": json.loads(p.stdout)["info"].get("notes", "")}
        return {"error": True, "exit_code": p.returncode, "message": p.stderr.decode().rstrip("\n")}


out = []
for name, template in ROWS:
    expect = run(template)
    out.append(json.dumps({
        "id": "helm-typenames/" + name, "category": "helm-typenames", "template": template,
        "helpers": {}, "values_yaml": VALUES, "files": SUB, "chart_yaml_extra": {},
        "chart_yaml": CHART + CHART_EXTRA, "expect": expect, "deterministic": True, "recipe": "notes",
    }, ensure_ascii=False))
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "EngineTests", "typename-cases.jsonl")
with open(path, "w") as f:
    f.write("\n".join(out) + "\n")
print("%d cases written to %s" % (len(out), os.path.normpath(path)))
