#!/usr/bin/env python3
# Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
"""Records the project's own conformance cases (Tests/Corpus/conformance-extra/cases.jsonl) from the reference
Helm: every line of tools/conformance-extra/inputs.jsonl (id, category, template, optional values_yaml, files,
note) is rendered as Tests/Corpus/conformance/README.md describes (recipe `notes`:
`helm install r ./conf --dry-run=client -o json --namespace ns1`, TZ=UTC) and written with Helm's answer.
A case on which Helm itself dies (exit status other than 0 or 1: a Go stack overflow, killed for memory) is
not Helm parity and is left out, with a line on stderr. Run:
    python3 tools/conformance-extra/record.py /tmp/refhelm/helm
"""
import base64, json, os, subprocess, sys, tempfile, threading

HELM = sys.argv[1]
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "Tests", "Corpus", "conformance-extra", "cases.jsonl")
CHART = "apiVersion: v2\nname: conf\nversion: 0.1.0\n"


def record(case):
    with tempfile.TemporaryDirectory() as d:
        chart = os.path.join(d, "conf")
        files = {"Chart.yaml": CHART, "values.yaml": case.get("values_yaml", ""), "templates/NOTES.txt": case["template"]}
        files.update(case.get("files", {}))
        for rel, text in files.items():
            p = os.path.join(chart, rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "wb") as f:
                f.write(text.encode("utf-8", "surrogateescape"))
        env = dict(os.environ, TZ="UTC", HOME=d, HELM_CACHE_HOME=d + "/c", HELM_CONFIG_HOME=d + "/g", HELM_DATA_HOME=d + "/a")
        try:
            p = subprocess.run([HELM, "install", "r", "./conf", "--dry-run=client", "-o", "json", "--namespace", "ns1"],
                               cwd=d, capture_output=True, env=env, timeout=60,
                               preexec_fn=lambda: __import__("resource").setrlimit(__import__("resource").RLIMIT_AS, (4 << 30, 4 << 30)))
        except subprocess.TimeoutExpired:
            return None, "timeout"
        if p.returncode == 0:
            return {"output": json.loads(p.stdout)["info"]["notes"]}, None
        if p.returncode == 1:
            return {"error": True, "exit_code": 1, "message": p.stderr.decode("utf-8", "replace").rstrip("\n")}, None
        return None, "helm exited %d: %s" % (p.returncode, p.stderr[:200].decode("utf-8", "replace"))


def main():
    out = []
    with open(os.path.join(HERE, "inputs.jsonl")) as f:
        for line in f:
            if not line.strip():
                continue
            case = json.loads(line)
            expect, why = record(case)
            if expect is None:
                print("skipped %s: %s" % (case["id"], why), file=sys.stderr)
                continue
            rec = {"id": case["id"], "category": case["category"], "template": case["template"], "helpers": {},
                   "values_yaml": case.get("values_yaml", ""), "files": case.get("files", {}), "chart_yaml_extra": {},
                   "chart_yaml": CHART, "expect": expect, "deterministic": True, "recipe": "notes"}
            raw = rec["values_yaml"].encode("utf-8", "surrogateescape")
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                # Bytes that are not UTF-8 cannot be a JSON string: the harness reads them from base64.
                rec["values_yaml"] = ""
                rec["values_yaml_base64"] = base64.b64encode(raw).decode()
            for name, text in list(rec["files"].items()):
                raw = text.encode("utf-8", "surrogateescape")
                try:
                    raw.decode("utf-8")
                except UnicodeDecodeError:
                    # The same for a file of the chart: `files_base64` holds it.
                    del rec["files"][name]
                    rec.setdefault("files_base64", {})[name] = base64.b64encode(raw).decode()
            if "note" in case:
                rec["note"] = case["note"]
            out.append(json.dumps(rec, ensure_ascii=False))
    with open(OUT, "w") as f:
        f.write("\n".join(out) + "\n")
    print("wrote %d cases to %s" % (len(out), OUT), file=sys.stderr)


# Helm's JSON answer holds the values, which may nest 10,000 deep: decode them on a thread with a large stack.
sys.setrecursionlimit(200000)
threading.stack_size(1 << 29)
t = threading.Thread(target=main)
t.start()
t.join()
