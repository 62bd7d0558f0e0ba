# tenantctl — build, test, benchmark.
SWIFT ?= swift
SHARED ?= ../shared
GO_REFERENCE ?= .build-bench/go-reference

.PHONY: build release test bench demo clean

build:
	$(SWIFT) build

release:
	$(SWIFT) build -c release

# The test command CI runs (README.md): every test target, including the conformance corpus.
test:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# In-process render speed per corpus chart, beside Go's text/template + Sprig on the same chart (see BENCHMARKS.md).
bench:
	$(SWIFT) build -c release --product tenantctl-bench
	@if [ ! -x $(GO_REFERENCE) ]; then bash $(SHARED)/bench/go-reference/build.sh $(GO_REFERENCE) >/dev/null || true; fi
	./.build/release/tenantctl-bench --corpus $(SHARED)/charts-corpus -n 200 $$( [ -x $(GO_REFERENCE) ] && echo --go-reference $(GO_REFERENCE) )

# The main job on the embedded default, in a scratch folder .demo/: the app chart and tenants/ (the fixture ones
# until charts/tenant-app and tenants/ exist), then install acme on premium, its status and its history.
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
