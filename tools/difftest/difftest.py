#!/usr/bin/env python3
# Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
"""Differential test: random templates through the reference Helm and our tenantctl, comparing stdout, exit
status and the `Error:` line. A mismatch is shrunk (pieces dropped while it still differs) and appended to
tools/conformance-extra/inputs.jsonl as a new input (category `difftest`); record.py then records Helm's
answer. Run (bounded by SECONDS):
    python3 tools/difftest/difftest.py /tmp/refhelm/helm .build/debug/tenantctl SECONDS [SEED]
"""
import json, os, random, subprocess, sys, tempfile, time

HELM, OURS, SECONDS = sys.argv[1], os.path.abspath(sys.argv[2]), float(sys.argv[3])
SEED = int(sys.argv[4]) if len(sys.argv) > 4 else int(time.time())
HERE = os.path.dirname(os.path.abspath(__file__))
INPUTS = os.path.join(os.path.dirname(HERE), "conformance-extra", "inputs.jsonl")
CHART = "apiVersion: v2\nname: conf\nversion: 0.1.0\n"

ATOMS = ['0', '1', '-1', '1.5', '-1.5', '1e3', '"x"', '""', '"1_000"', '"0x1F"', '"1e400"', '" 1"', '"_1_"', 'nil',
         'true', '.Values.n', '.Values.s', '.Values.y', '.Values.l', '.Values.m', '(list)', '(list 1 "a")', '(dict)',
         '(dict "a" 1)', '9223372036854775807', '"NaN"', '"Inf"', '"a\\tb"', '"é"']
FUNCS = {1: ['toJson', 'toYaml', 'toString', 'quote', 'squote', 'upper', 'len', 'int', 'int64', 'float64', 'first',
             'last', 'rest', 'initial', 'toToml', 'b64enc', 'trim', 'kindOf', 'typeOf', 'empty', 'not', 'floor',
             'ceil', 'toPrettyJson', 'fromJson', 'fromYaml', 'urlquery', 'html', 'js', 'keys', 'compact', 'uniq'],
         2: ['add', 'sub', 'mul', 'div', 'mod', 'max', 'min', 'addf', 'subf', 'mulf', 'divf', 'eq', 'ne', 'lt',
             'round', 'default', 'has', 'trunc', 'repeat', 'split', 'join', 'index', 'hasKey', 'atoi', 'coalesce',
             'ternary']}
VERBS = ['%v', '%d', '%s', '%q', '%x', '%5.2f', '%T', '%+v', '%#v', '%08.3e', '%-4d|', '%t', '%c', '%U', '%!']
VALUES = ["n: 3\ns: hello\ny: yes\nl: [1, a, null]\nm: {a: 1, b: {c: 2}}\n",
          "n: 1e3\ns: 0x1F\ny: on\nl: []\nm: {}\n", "n: 010\ns: '1_000'\ny: ~\nl: [[1]]\nm: {n: no}\n"]


def expr(r, depth):
    if depth <= 0 or r.random() < 0.3:
        return r.choice(ATOMS)
    k = r.random()
    if k < 0.15:
        return '(printf "%s" %s)' % (r.choice(VERBS), expr(r, depth - 1))
    if k < 0.55:
        return '(%s %s)' % (r.choice(FUNCS[1]), expr(r, depth - 1))
    if k < 0.85:
        return '(%s %s %s)' % (r.choice(FUNCS[2]), expr(r, depth - 1), expr(r, depth - 1))
    return '(%s | %s)' % (expr(r, depth - 1), r.choice(FUNCS[1]))


def run(binary_args, template, values, d):
    chart = os.path.join(d, "conf")
    os.makedirs(os.path.join(chart, "templates"), exist_ok=True)
    for rel, text in {"Chart.yaml": CHART, "values.yaml": values, "templates/NOTES.txt": template}.items():
        with open(os.path.join(chart, rel), "w") as f:
            f.write(text)
    try:
        p = subprocess.run(binary_args, cwd=d, capture_output=True, timeout=20, env=dict(os.environ, TZ="UTC"))
    except subprocess.TimeoutExpired:
        return ("timeout", -1, "")
    return p


def compare(template, values):
    with tempfile.TemporaryDirectory() as d:
        h = run([HELM, "install", "r", "./conf", "--dry-run=client", "-o", "json", "--namespace", "ns1"], template, values, d)
        o = run([OURS, "eval", "./conf", "templates/NOTES.txt", "-n", "ns1", "--release-name", "r"], template, values, d)
    if isinstance(h, tuple) or isinstance(o, tuple) or h.returncode not in (0, 1):
        return None  # Helm died or something timed out: not a parity question
    hout = json.loads(h.stdout)["info"].get("notes", "") if h.returncode == 0 else ""
    herr = next((l for l in h.stderr.decode("utf-8", "replace").splitlines() if l.startswith("Error:")), "")
    herr = herr.replace("Error: INSTALLATION FAILED: ", "Error: ", 1)
    oout = o.stdout.decode("utf-8", "replace")
    oerr = next((l for l in o.stderr.decode("utf-8", "replace").splitlines() if l.startswith("Error:")), "")
    same = (h.returncode, hout, herr) == (o.returncode, oout, oerr)
    return None if same else ((h.returncode, hout, herr), (o.returncode, oout, oerr))


def shrink(template, values):
    """Replaces parenthesised sub-expressions by atoms while the difference stays."""
    changed = True
    while changed:
        changed = False
        starts = [i for i, c in enumerate(template) if c == "("]
        for s in starts:
            depth, e = 0, None
            for j in range(s, len(template)):
                depth += template[j] == "("
                depth -= template[j] == ")"
                if depth == 0:
                    e = j
                    break
            if e is None:
                continue
            inner = template[s + 1:e]
            for cand in ([inner] if inner.count("(") else []) + ["1", '"x"']:
                t = template[:s] + ("(" + cand + ")" if " " in cand else cand) + template[e + 1:]
                if t != template and compare(t, values) is not None:
                    template, changed = t, True
                    break
            if changed:
                break
    return template


def main():
    r = random.Random(SEED)
    deadline = time.time() + SECONDS
    tried = found = 0
    known = set()
    if os.path.exists(INPUTS):
        known = {json.loads(l)["template"] for l in open(INPUTS) if l.strip()}
    while time.time() < deadline:
        template = "{{ %s }}" % expr(r, r.randint(1, 4))
        values = r.choice(VALUES)
        tried += 1
        if compare(template, values) is None:
            continue
        small = shrink(template, values)
        if small in known:
            continue
        known.add(small)
        found += 1
        diff = compare(small, values)
        print("MISMATCH %s\n  helm: %r\n  ours: %r" % (small, diff[0] if diff else None, diff[1] if diff else None))
        with open(INPUTS, "a") as f:
            f.write(json.dumps({"id": "difftest/%d-%d" % (SEED, found), "category": "difftest", "template": small,
                                "values_yaml": values}) + "\n")
    print("seed %d: %d templates tried, %d new mismatches written to %s" % (SEED, tried, found, INPUTS))


main()
