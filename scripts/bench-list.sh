#!/usr/bin/env bash
# Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
# Benchmark of the stores through the command line: `tenantctl list` of N tenants with R revisions each on
# every store (the SQLite file, PostgreSQL, Kubernetes Secrets), beside `helm list` of the same records in the
# same run (`HELM_DRIVER=sql` and the Secret driver read what tenantctl wrote), and one upgrade's wall time on
# each store (its store overhead is the difference to SQLite's).
#
# The records are written once on SQLite (a one-object chart, N installs then R-1 upgrades each, two
# processes at a time) and copied to the shared stores with `tenantctl store migrate`, so every store holds
# the same revisions. Servers come from ../shared (kube, postgres) and are stopped at the end.
#   usage: scripts/bench-list.sh [N] [R] [TENANTCTL] [HELM]
#   defaults: N=1000, R=5, TENANTCTL=.build/release/tenantctl, HELM=helm on PATH or /tmp/refhelm/helm
set -euo pipefail
n="${1:-1000}"
revisions="${2:-5}"
root="$(cd "$(dirname "$0")/.." && pwd)"
tenantctl="$(cd "$root" && realpath "${3:-.build/release/tenantctl}")"
helm="${4:-$(command -v helm || echo /tmp/refhelm/helm)}"
shared="${SHARED:-$root/../shared}"
runs="${RUNS:-5}"
work="$(mktemp -d)"; chmod 755 "$work"
cleanup() {
  bash "$shared/kube/stop-cluster.sh" "$work/kube" >/dev/null 2>&1 || true
  bash "$shared/postgres/stop-postgres.sh" "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
bash "$shared/kube/start-cluster.sh" "$work/kube" >"$work/kube-start.log" 2>&1 || { cat "$work/kube-start.log" >&2; exit 1; }
kubeconfig="$work/kube/kubeconfig"
pg_url="$(bash "$shared/postgres/start-postgres.sh" "$work/pg" 2>"$work/pg-start.log" | tail -1)?sslmode=disable"

project="$work/project"
mkdir -p "$project/charts/one/templates" "$project/tenants"
cd "$project"
printf 'apiVersion: v2\nname: one\nversion: 1.0.0\n' > charts/one/Chart.yaml
printf 'revision: 0\n' > charts/one/values.yaml
cat > charts/one/templates/configmap.yaml <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}
data:
  revision: {{ .Values.revision | quote }}
EOF
printf 'tiers:\n  basic:\n    description: bench\n    values: {}\n' > tenants/tiers.yaml
for i in $(seq 1 "$n"); do printf 'tier: basic\nvalues: {}\n' > "tenants/t$i.yaml"; done
tc() { "$tenantctl" "$@" --chart charts/one; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
now() { date +%s.%N; }
# Times a command RUNS times (output discarded); prints the median in seconds.
timed() {
  for _ in $(seq 1 "$runs"); do
    local s; s=$(now); "$@" >/dev/null || { echo "failed: $*" >&2; exit 1; }; echo "$(now) - $s" | bc
  done | median
}

echo "writing $n tenants x $revisions revisions on SQLite ..." >&2
start=$(now)
write_half() { # first last
  for i in $(seq "$1" "$2"); do
    tc install "t$i" >/dev/null
    for r in $(seq 2 "$revisions"); do tc upgrade "t$i" --set "revision=$r" >/dev/null; done
  done
}
write_half 1 $((n / 2)) &
write_half $((n / 2 + 1)) "$n"
wait
echo "  written in $(echo "$(now) - $start" | bc) s" >&2

echo "copying to PostgreSQL and Kubernetes (store migrate) ..." >&2
"$tenantctl" store migrate --to postgres --to-url "$pg_url" >/dev/null
"$tenantctl" store migrate --to kubernetes --kubeconfig "$kubeconfig" >/dev/null

sqlite_s=$(timed "$tenantctl" list)
pg_s=$(timed "$tenantctl" list --store postgres --store-url "$pg_url")
kube_s=$(timed "$tenantctl" list --store kubernetes --kubeconfig "$kubeconfig")
count_ours=$("$tenantctl" list --store kubernetes --kubeconfig "$kubeconfig" -o json | grep -o '"tenant"' | wc -l)

helm_pg_s="" helm_kube_s="" count_helm=""
if [ -x "$helm" ]; then
  export HOME="$work"
  helm_pg_s=$(HELM_DRIVER=sql HELM_DRIVER_SQL_CONNECTION_STRING="$pg_url" timed "$helm" list -n tenantctl-system --max 0 --kubeconfig "$kubeconfig")
  helm_kube_s=$(timed "$helm" list -n tenantctl-system --max 0 --kubeconfig "$kubeconfig")
  count_helm=$("$helm" list -n tenantctl-system --max 0 --kubeconfig "$kubeconfig" -q | wc -l)
fi

# One upgrade on each store (directory target for all three, so only the store differs).
upgrade_s() { timed tc upgrade t1 "$@" --set revision=bench; }
up_sqlite=$(upgrade_s)
up_pg=$(upgrade_s --store postgres --store-url "$pg_url")
up_kube=$(upgrade_s --store kubernetes --kubeconfig "$kubeconfig")

printf '\nlist of %d tenants x %d revisions (median of %d runs; tenantctl listed %s, helm %s)\n' \
  "$n" "$revisions" "$runs" "$count_ours" "${count_helm:-n/a}"
printf '%-12s %12s %12s\n' store tenantctl "helm list"
printf '%-12s %11.3fs %12s\n' sqlite "$sqlite_s" "-"
printf '%-12s %11.3fs %11.3fs\n' postgres "$pg_s" "${helm_pg_s:-0}"
printf '%-12s %11.3fs %11.3fs\n' kubernetes "$kube_s" "${helm_kube_s:-0}"
printf '\none upgrade (directory target, median of %d): sqlite %.3fs, postgres %.3fs, kubernetes %.3fs\n' \
  "$runs" "$up_sqlite" "$up_pg" "$up_kube"
