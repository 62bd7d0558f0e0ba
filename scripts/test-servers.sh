#!/usr/bin/env bash
# Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
# Starts the servers the tests need, runs a command, and stops the servers again even when the command fails.
#
# usage: scripts/test-servers.sh COMMAND [ARG...]
#   Where ../shared/kube/start-cluster.sh exists (SHARED overrides ../shared), a real kube-apiserver v1.20.2
#   is started in a scratch folder and TENANTCTL_TEST_KUBE_DIR names that folder (it holds kubeconfig,
#   kubeconfig-token and kubeconfig-nobody). Without it the command runs with TENANTCTL_TEST_KUBE_DIR unset, and
#   the tests that need the cluster are disabled with that reason. Likewise, where
#   ../shared/postgres/start-postgres.sh exists, a real PostgreSQL server is started and
#   TENANTCTL_TEST_POSTGRES_URL holds its URL (each test makes its own schema in it); without it the PostgreSQL
#   store's server tests are disabled with that reason. In CI (CI=true) a server that fails to start fails the
#   run. TENANTCTL_TEST_NO_SERVERS=1 skips starting. TENANTCTL_TEST_HELM (a helm v4 binary, e.g. what
#   ../shared/tools/install-reference-helm.sh prints; it downloads, so it is never run from here) adds the
#   interop tests with real Helm on the PostgreSQL store; without it they are disabled with that reason.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${SHARED:-../shared}"
[ $# -gt 0 ] || { echo "usage: scripts/test-servers.sh COMMAND [ARG...]" >&2; exit 64; }

scratch=""
postgres_started=""
cleanup() {
  if [ -n "$scratch" ]; then
    if [ -x "$shared/kube/stop-cluster.sh" ] || [ -f "$shared/kube/stop-cluster.sh" ]; then
      bash "$shared/kube/stop-cluster.sh" "$scratch/kube" >/dev/null 2>&1 || true
    fi
    if [ -n "$postgres_started" ]; then
      bash "$shared/postgres/stop-postgres.sh" "$scratch/postgres" >/dev/null 2>&1 || true
    fi
    rm -rf "$scratch"
  fi
}
trap cleanup EXIT INT TERM

if [ "${TENANTCTL_TEST_NO_SERVERS:-}" != 1 ] && { [ -f "$shared/kube/start-cluster.sh" ] || [ -f "$shared/postgres/start-postgres.sh" ]; }; then
  scratch="$(mktemp -d "${TMPDIR:-/tmp}/tenantctl-test-servers.XXXXXX")"
  # Run as root, PostgreSQL runs as the postgres user, which must reach its data folder below this one.
  chmod 755 "$scratch"
fi

if [ "${TENANTCTL_TEST_NO_SERVERS:-}" != 1 ] && [ -f "$shared/kube/start-cluster.sh" ]; then
  if bash "$shared/kube/start-cluster.sh" "$scratch/kube" >"$scratch/kube-start.log" 2>&1; then
    export TENANTCTL_TEST_KUBE_DIR="$scratch/kube"
    echo "test-servers: kube-apiserver up ($TENANTCTL_TEST_KUBE_DIR)" >&2
  else
    echo "test-servers: the cluster did not start; cluster tests are disabled:" >&2
    tail -20 "$scratch/kube-start.log" >&2 || true
    # In CI a cluster that should have started and did not is a failure, not a quieter run.
    if [ "${CI:-}" = true ]; then exit 1; fi
  fi
fi

if [ "${TENANTCTL_TEST_NO_SERVERS:-}" != 1 ] && [ -f "$shared/postgres/start-postgres.sh" ]; then
  if bash "$shared/postgres/start-postgres.sh" "$scratch/postgres" >"$scratch/postgres-start.log" 2>&1; then
    postgres_started=1
    # The script prints the URL last (postgres://postgres@127.0.0.1:PORT/postgres); no TLS on loopback.
    url="$(tail -1 "$scratch/postgres-start.log")"
    export TENANTCTL_TEST_POSTGRES_URL="$url?sslmode=disable"
    echo "test-servers: PostgreSQL up ($url)" >&2
  else
    postgres_started=1  # stop whatever half-started
    echo "test-servers: PostgreSQL did not start; PostgreSQL store tests are disabled:" >&2
    tail -20 "$scratch/postgres-start.log" >&2 || true
    if [ "${CI:-}" = true ]; then exit 1; fi
  fi
fi

status=0
"$@" || status=$?
exit "$status"
