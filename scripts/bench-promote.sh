#!/usr/bin/env bash
# Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
# Benchmark of `tenantctl promote` (issue 13) on the embedded default (SQLite state, deploy/ directory): N tenants
# of the real app chart (charts/tenant-app, tiers in rotation) installed at 1.0.0, then, in the same run:
#   1. one `tenantctl promote` process moving all N to 1.1.0 (wall time and peak RSS from /usr/bin/time -v);
#   2. a loop of `tenantctl upgrade` moving all N to 1.2.0, one process per tenant (what CI did before promote);
#   3. a loop of `helm template` of the same chart, once per tenant, with the tenant's values (the yardstick:
#      the target is promote <= 1/5 of this loop's time).
#   usage: scripts/bench-promote.sh [N] [TENANTCTL] [HELM]
#   defaults: N=1000, TENANTCTL=.build/release/tenantctl, HELM=.reference-bin/helm (the helm loop is skipped when
#   absent; `bash ../shared/tools/install-reference-helm.sh /tmp/refhelm` prints a path to pass)
set -euo pipefail
n="${1:-1000}"
root="$(cd "$(dirname "$0")/.." && pwd)"
tenantctl="$(cd "$root" && realpath "${2:-.build/release/tenantctl}")"
helm="${3:-$root/.reference-bin/helm}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir -p charts/src
cp -R "$root/tenants" tenants
rm -f tenants/acme.yaml tenants/globex.yaml tenants/initech.yaml
# Three chart versions in a repository folder, as `tenantctl package` writes it.
for v in 1.0.0 1.1.0 1.2.0; do
  cp -R "$root/charts/tenant-app" "charts/src/$v"
  sed -i "s/^version: .*/version: $v/" "charts/src/$v/Chart.yaml"
  "$tenantctl" package "charts/src/$v" -d charts/repo >/dev/null
done
tiers=(basic standard premium default)
now() { date +%s.%N; }

start=$(now)
for i in $(seq 1 "$n"); do
  "$tenantctl" install "t$i" --tier "${tiers[$((i % 4))]}" --version 1.0.0 --repo charts/repo >/dev/null
done
install_s=$(echo "$(now) - $start" | bc)

# 1. One promote process.
start=$(now)
/usr/bin/time -v -o promote.time "$tenantctl" promote --version 1.1.0 --repo charts/repo \
  --wave canary=t1,t2,t3 --wave rest --report promote.json >promote.out
promote_s=$(echo "$(now) - $start" | bc)
promoted=$(grep -c '"state" : "promoted"' promote.json || true)
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' promote.time)
cpu_pct=$(awk -F': ' '/Percent of CPU this job got/ {print $2}' promote.time)

# 2. The same move as a loop of upgrades.
start=$(now)
for i in $(seq 1 "$n"); do
  "$tenantctl" upgrade "t$i" --version 1.2.0 --repo charts/repo >/dev/null
done
upgrade_s=$(echo "$(now) - $start" | bc)

# 3. helm template of the same chart once per tenant, with the tenant's user values (one file per tier, as
#    `tenantctl get values` prints them, the tenant id set per tenant).
helm_s=""
if [ -x "$helm" ]; then
  for k in 1 2 3 4; do "$tenantctl" get values "t$k" >"values-${tiers[$((k % 4))]}.yaml"; done
  start=$(now)
  for i in $(seq 1 "$n"); do
    "$helm" template "t$i" charts/src/1.1.0 --namespace "tenant-t$i" -f "values-${tiers[$((i % 4))]}.yaml" \
      --set "tenant.id=t$i" >/dev/null
  done
  helm_s=$(echo "$(now) - $start" | bc)
fi

printf 'tenants=%s promoted=%s promote_s=%.2f promote_peak_rss_mb=%.0f promote_cpu=%s upgrade_loop_s=%.1f install_loop_s=%.1f' \
  "$n" "$promoted" "$promote_s" "$(echo "$rss_kb / 1024" | bc -l)" "$cpu_pct" "$upgrade_s" "$install_s"
if [ -n "$helm_s" ]; then
  printf ' helm_template_loop_s=%.1f promote_to_helm_ratio=%.3f' "$helm_s" "$(echo "$promote_s / $helm_s" | bc -l)"
fi
printf ' promote_to_upgrade_loop_ratio=%.3f\n' "$(echo "$promote_s / $upgrade_s" | bc -l)"
