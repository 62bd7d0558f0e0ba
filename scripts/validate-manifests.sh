#!/usr/bin/env bash
# Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
# Validates every Kubernetes object in every YAML file under DIR against the
# Kubernetes 1.31 OpenAPI schemas with kubernetes-validate (PyPI) in strict mode
# (unknown fields are errors). Installs kubernetes-validate if it is missing.
# Files named *.values.yaml (chart values, not manifests) are skipped. Kinds
# without a built-in schema (CRDs such as ServiceMonitor) only produce a warning.
#
#   usage: scripts/validate-manifests.sh DIR
#   env:   KUBERNETES_VERSION (default 1.31.0)
set -euo pipefail

dir="${1:?usage: validate-manifests.sh DIR}"
[ -d "$dir" ] || { echo "validate-manifests: $dir is not a directory" >&2; exit 2; }
version="${KUBERNETES_VERSION:-1.31.0}"

if ! command -v kubernetes-validate >/dev/null 2>&1; then
  echo "validate-manifests: installing kubernetes-validate" >&2
  python3 -m pip install --quiet kubernetes-validate >&2
fi
kv=(kubernetes-validate)
command -v kubernetes-validate >/dev/null 2>&1 || kv=(python3 -m kubernetes_validate)

files=()
while IFS= read -r -d '' f; do files+=("$f"); done < <(
  find "$dir" -type f \( -name '*.yaml' -o -name '*.yml' \) ! -name '*.values.yaml' -print0 | sort -z)
if [ "${#files[@]}" -eq 0 ]; then
  echo "validate-manifests: no YAML files under $dir" >&2
  exit 1
fi

"${kv[@]}" --strict --quiet --kubernetes-version "$version" "${files[@]}"
echo "validate-manifests: ${#files[@]} file(s) under $dir valid against Kubernetes $version (strict)" >&2
