# tenantctl — build, test, benchmark.
SWIFT ?= swift
CONFIG ?= debug

.PHONY: build release test bench clean demo

build:
	$(SWIFT) build

release:
	$(SWIFT) build -c release

# The test command CI runs (README.md): every test target, including the conformance corpus.
test:
	$(SWIFT) test

bench:
	$(SWIFT) build -c release --product tenantctl
	./.build/release/tenantctl bench $(BENCH_ARGS)

clean:
	rm -rf .build
