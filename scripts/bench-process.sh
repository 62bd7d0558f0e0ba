#!/usr/bin/env bash
# Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
# Whole-process speed: `tenantctl template` against `helm template` on every corpus chart (default values),
# with hyperfine, from inside each chart's folder as its command.txt runs it.
#   scripts/bench-process.sh [HELM] [RUNS]     (HELM defaults to `helm` on PATH; TENANTCTL to the release build)
# BASELINE=path/to/an/older/tenantctl adds it to the same run (before/after tables).
set -euo pipefail
HELM=${1:-helm}
RUNS=${2:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=${CORPUS:-$ROOT/Tests/Corpus/charts-corpus}
T=${TENANTCTL:-$ROOT/.build/release/tenantctl}
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }
[ -x "$T" ] || { echo "build first: swift build -c release --product tenantctl" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -n "${BASELINE:-}" ]; then
  echo "| chart | baseline ms | tenantctl ms | helm ms | baseline / helm | tenantctl / helm |"
  echo "|---|---|---|---|---|---|"
else
  echo "| chart | tenantctl ms | helm ms | tenantctl / helm |"
  echo "|---|---|---|---|"
fi
for dir in "$CORPUS"/*/; do
  chart=$(basename "$dir")
  [ -f "$dir/command.txt" ] || continue
  args="template rel ./chart --namespace tenant-a --kube-version 1.31.0"
  (cd "$dir" && hyperfine -N -i --runs "$RUNS" --warmup 2 --export-json "$tmp/$chart.json" \
     "$T $args" "$HELM $args" ${BASELINE:+"$BASELINE $args"} >/dev/null 2>&1)
  python3 - "$tmp/$chart.json" "$chart" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
t, h = r[0]["mean"] * 1000, r[1]["mean"] * 1000
if len(r) > 2:
    b = r[2]["mean"] * 1000
    print(f"| {sys.argv[2]} | {b:.1f} | {t:.1f} | {h:.1f} | {b / h:.2f} | {t / h:.2f} |")
else:
    print(f"| {sys.argv[2]} | {t:.1f} | {h:.1f} | {t / h:.2f} |")
PY
done
