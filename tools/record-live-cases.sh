#!/usr/bin/env bash
# Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
# Records what real `helm template --dry-run=server` prints against a live API server, for LiveRenderTests.
#
# usage: tools/record-live-cases.sh HELM [KUBECTL]
#   Creates the objects of Tests/LiveRenderTests/Fixtures/objects.json (kubectl apply --server-side), then runs
#   HELM template ARGS --dry-run=server (unless ARGS name their own --dry-run or --validate) for every case of
#   cases.json from the Fixtures folder, writing recorded/NAME.out, NAME.err and NAME.status.
#   The cluster: $KUBECONFIG when set, else one started from ../shared/kube (and stopped again).
set -euo pipefail
cd "$(dirname "$0")/.."
helm="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
kubectl="${2:-$(dirname "$helm")/kubectl}"
fixtures=Tests/LiveRenderTests/Fixtures
shared="${SHARED:-../shared}"

scratch=""
cleanup() {
  if [ -n "$scratch" ]; then
    bash "$shared/kube/stop-cluster.sh" "$scratch/kube" >/dev/null 2>&1 || true
    rm -rf "$scratch"
  fi
}
trap cleanup EXIT
if [ -z "${KUBECONFIG:-}" ]; then
  scratch="$(mktemp -d)"
  KUBECONFIG="$(bash "$shared/kube/start-cluster.sh" "$scratch/kube" | tail -1)"
fi
kubeconfig="$(cd "$(dirname "$KUBECONFIG")" && pwd)/$(basename "$KUBECONFIG")"
export KUBECONFIG="$kubeconfig"

python3 - "$fixtures/objects.json" >"${TMPDIR:-/tmp}/live-objects.$$.json" <<'PY'
import json, sys
print(json.dumps({"apiVersion": "v1", "kind": "List", "items": json.load(open(sys.argv[1]))}))
PY
# The CRDs first, established before the objects of their kinds.
python3 - "$fixtures/objects.json" >"${TMPDIR:-/tmp}/live-crds.$$.json" <<'PY'
import json, sys
items = [o for o in json.load(open(sys.argv[1])) if o["kind"] == "CustomResourceDefinition"]
print(json.dumps({"apiVersion": "v1", "kind": "List", "items": items}))
PY
"$kubectl" apply --server-side --field-manager tenantctl-fixture -f "${TMPDIR:-/tmp}/live-crds.$$.json" 2>/dev/null
"$kubectl" wait --for condition=established --timeout=60s -f "${TMPDIR:-/tmp}/live-crds.$$.json" 2>/dev/null
rm -f "${TMPDIR:-/tmp}/live-crds.$$.json"
"$kubectl" apply --server-side --field-manager tenantctl-fixture -f "${TMPDIR:-/tmp}/live-objects.$$.json" 2>/dev/null
rm -f "${TMPDIR:-/tmp}/live-objects.$$.json"

mkdir -p "$fixtures/recorded"
rm -f "$fixtures/recorded"/*
cd "$fixtures"
python3 - "$helm" "$kubeconfig" <<'PY'
import json, os, shutil, subprocess, sys, tempfile
helm, kubeconfig = sys.argv[1], sys.argv[2]
for case in json.load(open("cases.json")):
    args = case["args"]
    if not any(a.startswith("--dry-run") or a == "--validate" for a in args):
        args = args + ["--dry-run=server"]
    # A case may name its own kubeconfig: a file beside cases.json ("kubeconfig"), for the namespace Helm reads
    # from it, or another user's file of the cluster folder ("clusterKubeconfig": kubeconfig-token, -nobody).
    config = os.path.abspath(case["kubeconfig"]) if "kubeconfig" in case else kubeconfig
    if "clusterKubeconfig" in case:
        config = os.path.join(os.path.dirname(kubeconfig), case["clusterKubeconfig"])
    env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "KUBECONFIG": config}
    # `{out}` is a scratch --output-dir, written as `{out}` in the recording.
    out = tempfile.mkdtemp()
    args = [a.replace("{out}", out) for a in args]
    p = subprocess.run([helm, "template"] + args, capture_output=True, env=env)
    p.stdout, p.stderr = p.stdout.replace(out.encode(), b"{out}"), p.stderr.replace(out.encode(), b"{out}")
    shutil.rmtree(out)
    base = "recorded/" + case["name"]
    open(base + ".out", "wb").write(p.stdout)
    open(base + ".err", "wb").write(p.stderr)
    open(base + ".status", "w").write(f"{p.returncode}\n")
    print(f"{case['name']}: exit {p.returncode}")
PY
