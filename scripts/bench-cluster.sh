#!/usr/bin/env bash
# Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
# Benchmark of the Kubernetes target: install and then upgrade N tenants on a local kube-apiserver
# (../shared/kube), one tenantctl process per command, against `helm upgrade --install` of the same chart and
# the same values on the same server, in the same run. Prints wall time per tenant for both, and tenantctl's
# API requests per tenant (TENANTCTL_KUBE_STATS=1 makes it report them on standard error).
#   usage: scripts/bench-cluster.sh [N] [TENANTCTL] [HELM]
#   defaults: N=100, TENANTCTL=.build/release/tenantctl, HELM=helm on PATH or /tmp/refhelm/helm (skipped when absent)
set -euo pipefail
n="${1:-100}"
root="$(cd "$(dirname "$0")/.." && pwd)"
tenantctl="$(cd "$root" && realpath "${2:-.build/release/tenantctl}")"
helm="${3:-$(command -v helm || echo /tmp/refhelm/helm)}"
shared="${SHARED:-$root/../shared}"
work="$(mktemp -d)"; chmod 755 "$work"
cleanup() { bash "$shared/kube/stop-cluster.sh" "$work/kube" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
bash "$shared/kube/start-cluster.sh" "$work/kube" >"$work/kube-start.log" 2>&1 || { cat "$work/kube-start.log" >&2; exit 1; }
export KUBECONFIG="$work/kube/kubeconfig"
mkdir -p "$work/project/charts"
cp -R "$root/charts/tenant-app" "$work/project/charts/tenant-app"
cp -R "$root/tenants" "$work/project/tenants"
tiers=(basic standard premium default)
now() { date +%s.%N; }
cd "$work/project"
printf 'target: kubernetes\n' > tenantctl.yaml

run_tenantctl() { # verb, extra args...; sums the request counts tenantctl reports
  local verb=$1; shift
  local total=0
  for i in $(seq 1 "$n"); do
    local count
    count=$(TENANTCTL_KUBE_STATS=1 "$tenantctl" "$verb" "t$i" "$@" 2>&1 >/dev/null | sed -n 's/^kube: \([0-9]*\) requests.*/\1/p' | tail -1)
    total=$((total + ${count:-0}))
  done
  echo "$total"
}

for i in $(seq 1 "$n"); do printf 'tier: %s\n' "${tiers[$((i % 4))]}" > "tenants/t$i.yaml"; done
start=$(now)
install_requests=$(run_tenantctl install)
install_s=$(echo "$(now) - $start" | bc)
start=$(now)
upgrade_requests=$(run_tenantctl upgrade --set config.release=next)
upgrade_s=$(echo "$(now) - $start" | bc)

helm_install_s="" helm_upgrade_s=""
if [ -x "$helm" ]; then
  # The same values tenantctl used (tier < tenant file, tenant.id set), for a release in another namespace.
  for i in $(seq 1 "$n"); do
    "$tenantctl" get values "t$i" | sed "s/^  id: t$i\$/  id: h$i/" > "$work/h$i.yaml"
  done
  start=$(now)
  for i in $(seq 1 "$n"); do
    "$helm" upgrade --install "h$i" charts/tenant-app -n helm-bench --create-namespace -f "$work/h$i.yaml" >/dev/null
  done
  helm_install_s=$(echo "$(now) - $start" | bc)
  start=$(now)
  for i in $(seq 1 "$n"); do
    "$helm" upgrade --install "h$i" charts/tenant-app -n helm-bench -f "$work/h$i.yaml" --set config.release=next >/dev/null
  done
  helm_upgrade_s=$(echo "$(now) - $start" | bc)
fi

per() { echo "$1 * 1000 / $n" | bc -l; }
printf 'tenants=%s\n' "$n"
printf 'tenantctl install: %.0f ms/tenant, %.1f requests/tenant\n' "$(per "$install_s")" "$(echo "$install_requests / $n" | bc -l)"
printf 'tenantctl upgrade: %.0f ms/tenant, %.1f requests/tenant\n' "$(per "$upgrade_s")" "$(echo "$upgrade_requests / $n" | bc -l)"
if [ -n "$helm_install_s" ]; then
  printf 'helm upgrade --install (new): %.0f ms/tenant\n' "$(per "$helm_install_s")"
  printf 'helm upgrade --install (upgrade): %.0f ms/tenant\n' "$(per "$helm_upgrade_s")"
  printf 'ratio install=%.2f upgrade=%.2f\n' "$(echo "$install_s / $helm_install_s" | bc -l)" "$(echo "$upgrade_s / $helm_upgrade_s" | bc -l)"
fi
