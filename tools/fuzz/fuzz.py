#!/usr/bin/env python3
# Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
"""Random-input fuzzing of the template parser and the YAML loader through the built binary (`tenantctl eval`),
seeded from the chart corpus (Tests/Corpus/charts-corpus templates and values files). Each input is a seed
mutated (bytes flipped, inserted, deleted; template and YAML tokens inserted; pieces spliced from another
seed); the binary must answer with exit status 0 or 1 within the time limit. Anything else (a signal, a hang)
is a crash: the input is written to .build/fuzz-crashes/ and the run fails. Usage:
    python3 tools/fuzz/fuzz.py BINARY SECONDS [SEED]
"""
import glob, os, random, subprocess, sys, tempfile, time

BINARY, SECONDS = os.path.abspath(sys.argv[1]), float(sys.argv[2])
SEED = int(sys.argv[3]) if len(sys.argv) > 3 else int(time.time())
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "Tests", "Corpus", "charts-corpus")
CRASHES = os.path.join(ROOT, ".build", "fuzz-crashes")
CHART = b"apiVersion: v2\nname: conf\nversion: 0.1.0\n"
TEMPLATE_TOKENS = [b"{{", b"}}", b"{{-", b"-}}", b"|", b"(", b")", b"$", b".", b"$x := ", b"end", b"range ",
                   b"if ", b"define \"a\"", b"template \"a\" .", b"include \"a\" .", b"printf \"%v\" ", b"toYaml ",
                   b"tpl ", b"\"", b"`", b"/*", b"*/", b"nil", b"else", b"with ", b"block \"b\" .", b"\x00", b"\xff"]
YAML_TOKENS = [b": ", b"- ", b"[", b"]", b"{", b"}", b"&a ", b"*a", b"<<: *a", b"!!binary ", b"!!str ", b"? ",
               b"|", b">", b"'", b"\"", b"\n  ", b"\t", b"#", b"---\n", b"...\n", b"%YAML 1.1\n", b"~", b"yes",
               b"0x1F", b"1e400", b".inf", b"\xef\xbb\xbf", b"\xff"]


def seeds(pattern):
    out = []
    for p in sorted(glob.glob(os.path.join(CORPUS, pattern), recursive=True)):
        with open(p, "rb") as f:
            data = f.read()
        if len(data) < 64 * 1024:
            out.append(data)
    return out


def mutate(r, data, tokens, pool):
    b = bytearray(data)
    for _ in range(r.randint(1, 8)):
        k = r.random()
        pos = r.randint(0, len(b))
        if k < 0.25 and b:
            b[min(pos, len(b) - 1)] = r.randrange(256)
        elif k < 0.5:
            b[pos:pos] = r.choice(tokens)
        elif k < 0.65 and b:
            del b[pos:pos + r.randint(1, 16)]
        elif k < 0.8:
            other = r.choice(pool)
            s = r.randint(0, len(other))
            b[pos:pos] = other[s:s + r.randint(1, 200)]
        elif k < 0.9 and b:
            # Repeat a piece: deep nesting, long runs.
            piece = bytes(b[pos:pos + r.randint(1, 4)]) or r.choice(tokens)
            b[pos:pos] = piece * r.randint(2, 2000)
        else:
            del b[pos:]
    return bytes(b)


def run(template, values, d):
    chart = os.path.join(d, "conf")
    os.makedirs(os.path.join(chart, "templates"), exist_ok=True)
    for rel, data in {"Chart.yaml": CHART, "values.yaml": values, "templates/NOTES.txt": template}.items():
        with open(os.path.join(chart, rel), "wb") as f:
            f.write(data)
    try:
        p = subprocess.run([BINARY, "eval", "./conf", "templates/NOTES.txt"], cwd=d, capture_output=True, timeout=20)
    except subprocess.TimeoutExpired:
        return "timeout"
    return None if p.returncode in (0, 1) else "exit %d: %s" % (p.returncode, p.stderr[:300].decode("utf-8", "replace"))


def main():
    r = random.Random(SEED)
    templates, values = seeds("**/templates/**/*.*"), seeds("**/values*.yaml")
    deadline = time.time() + SECONDS
    tried = {"template": 0, "yaml": 0}
    crashes = 0
    with tempfile.TemporaryDirectory() as d:
        while time.time() < deadline:
            target = "template" if tried["template"] <= tried["yaml"] else "yaml"
            if target == "template":
                t, v = mutate(r, r.choice(templates), TEMPLATE_TOKENS, templates), b""
            else:
                t, v = b"{{ toYaml .Values }}", mutate(r, r.choice(values), YAML_TOKENS, values)
            tried[target] += 1
            why = run(t, v, d)
            if why:
                crashes += 1
                os.makedirs(CRASHES, exist_ok=True)
                base = os.path.join(CRASHES, "%s-%d-%d" % (target, SEED, crashes))
                for suffix, data in ((".tpl", t), (".values.yaml", v)):
                    with open(base + suffix, "wb") as f:
                        f.write(data)
                print("CRASH (%s) %s -> %s" % (target, why.splitlines()[0] if why else "", base), flush=True)
    print("fuzz seed %d: %d template inputs, %d YAML inputs, %d crashes" % (SEED, tried["template"], tried["yaml"], crashes))
    sys.exit(1 if crashes else 0)


main()
