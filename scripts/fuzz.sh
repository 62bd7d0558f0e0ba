#!/usr/bin/env bash
# Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
# Fuzzes the template parser and the YAML loader through the built binary for SECONDS (default 60), seeded from
# the chart corpus; fails on any crash or hang (inputs kept in .build/fuzz-crashes/). Usage: scripts/fuzz.sh [SECONDS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .build/debug/tenantctl ] || swift build
exec python3 tools/fuzz/fuzz.py .build/debug/tenantctl "${1:-60}" ${2:+"$2"}
