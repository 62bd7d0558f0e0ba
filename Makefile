# Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
# tenantctl — build, test, benchmark.
SWIFT ?= swift
SHARED ?= ../shared
GO_REFERENCE ?= .build-bench/go-reference

.PHONY: deps build release test bench demo clean

# System libraries behind the SQLite, zlib, libyaml and libcurl system-library targets; installed with apt when missing.
SYSTEM_LIBS = libsqlite3-dev zlib1g-dev libyaml-dev libcurl4-openssl-dev
deps:
	@missing=""; for p in $(SYSTEM_LIBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing$$missing"; \
	  $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get update -qq && \
	  $$( [ "$$(id -u)" = 0 ] || echo sudo ) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	$(SWIFT) build

release:
	$(SWIFT) build -c release

# The test command CI runs (README.md): every test target, including the conformance corpus. The tests run
# inside scripts/test-servers.sh, which starts the API server from $(SHARED)/kube when it is there (and stops it).
test: deps
	$(SWIFT) build --build-tests
	SHARED=$(SHARED) bash scripts/test-servers.sh $(SWIFT) test --skip-build

# In-process render speed per corpus chart, beside Go's text/template + Sprig on the same chart, then `promote` of
# 1,000 tenants beside loops of `tenantctl upgrade` and `helm template` (see BENCHMARKS.md).
bench: deps
	$(SWIFT) build -c release --product tenantctl-bench
	@if [ ! -x $(GO_REFERENCE) ]; then bash $(SHARED)/bench/go-reference/build.sh $(GO_REFERENCE) >/dev/null || true; fi
	./.build/release/tenantctl-bench --corpus Tests/Corpus/charts-corpus -n 200 $$( [ -x $(GO_REFERENCE) ] && echo --go-reference $(GO_REFERENCE) )
	$(SWIFT) build -c release --product tenantctl
	bash scripts/bench-promote.sh 1000 .build/release/tenantctl $$(bash $(SHARED)/tools/install-reference-helm.sh /tmp/refhelm 2>/dev/null | tail -1)

# The main job on the embedded default, in a scratch folder .demo/: the app chart and tenants/, then install
# acme on premium, its status and its history.
DEMO_CHART ?= $(if $(wildcard charts/tenant-app/Chart.yaml),charts/tenant-app,Tests/ActionsTests/Fixtures/tenant-app)
DEMO_TENANTS ?= $(if $(wildcard tenants/tiers.yaml),tenants,Tests/ActionsTests/Fixtures/tenants)
demo: build
	rm -rf .demo && mkdir -p .demo/charts
	cp -R $(DEMO_CHART) .demo/charts/tenant-app && cp -R $(DEMO_TENANTS) .demo/tenants
	cd .demo && ../.build/debug/tenantctl install acme --tier premium
	cd .demo && ../.build/debug/tenantctl status acme
	cd .demo && ../.build/debug/tenantctl history acme
	@echo "Objects written:" && ls .demo/deploy/acme

clean:
	rm -rf .build .build-bench .demo
