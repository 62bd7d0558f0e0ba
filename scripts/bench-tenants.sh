#!/usr/bin/env bash
# Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
# Benchmark of the main job at scale: install N tenants, then upgrade all N to a new chart version, on the
# embedded default (SQLite state, deploy/ directory), from a script — one tenantctl process per command, as
# CI or an operator would run it. For comparison, `helm template` of the same chart per tenant, in the same run.
#   usage: scripts/bench-tenants.sh [N] [TENANTCTL] [HELM]
#   defaults: N=500, TENANTCTL=.build/release/tenantctl, HELM=.reference-bin/helm (skipped when absent)
set -euo pipefail
n="${1:-500}"
root="$(cd "$(dirname "$0")/.." && pwd)"
tenantctl="$(cd "$root" && realpath "${2:-.build/release/tenantctl}")"
helm="${3:-$root/.reference-bin/helm}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
mkdir -p "$work/charts"
cp -R "$root/charts/tenant-app" "$work/charts/tenant-app"
cp -R "$root/tenants" "$work/tenants"
tiers=(basic standard premium default)
now() { date +%s.%N; }
cd "$work"

start=$(now)
for i in $(seq 1 "$n"); do
  "$tenantctl" install "t$i" --tier "${tiers[$((i % 4))]}" >/dev/null
done
install_s=$(echo "$(now) - $start" | bc)

# A new chart version: the same chart, version 1.1.0, one more config entry.
cp -R charts/tenant-app charts/tenant-app-next
sed -i 's/^version: .*/version: 1.1.0/' charts/tenant-app-next/Chart.yaml
start=$(now)
for i in $(seq 1 "$n"); do
  "$tenantctl" upgrade "t$i" --chart charts/tenant-app-next --set config.release=next >/dev/null
done
upgrade_s=$(echo "$(now) - $start" | bc)

helm_s=""
if [ -x "$helm" ]; then
  start=$(now)
  for i in $(seq 1 "$n"); do
    "$helm" template "t$i" charts/tenant-app --namespace "tenant-t$i" -f "tenants/t$i.yaml" >/dev/null 2>&1 || true
  done
  helm_s=$(echo "$(now) - $start" | bc)
fi

revisions=$(sqlite3 .tenantctl/state.db 'select count(*) from releases' 2>/dev/null || echo "?")
objects=$(find deploy -name '*.yaml' | wc -l)
printf 'tenants=%s install_total_s=%.1f install_ms_per_tenant=%.1f upgrade_total_s=%.1f upgrade_ms_per_tenant=%.1f' \
  "$n" "$install_s" "$(echo "$install_s * 1000 / $n" | bc -l)" "$upgrade_s" "$(echo "$upgrade_s * 1000 / $n" | bc -l)"
[ -n "$helm_s" ] && printf ' helm_template_total_s=%.1f helm_template_ms_per_tenant=%.1f' "$helm_s" "$(echo "$helm_s * 1000 / $n" | bc -l)"
printf ' revisions=%s objects=%s\n' "$revisions" "$objects"
