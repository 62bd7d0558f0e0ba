# tenantctl — build, test, benchmark.
SWIFT ?= swift
SHARED ?= ../shared
GO_REFERENCE ?= .build-bench/go-reference

.PHONY: build release test bench clean

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

clean:
	rm -rf .build .build-bench
