# Deschis: the two commands of README.md, and the steps they are made of.
# `make run` and `make test` do all the set-up a fresh Debian machine needs.

GO       ?= go
VAR      ?= var
DB       ?= $(VAR)/deschis.duckdb
RELEASES ?= $(VAR)/releases
ADDR     ?= 127.0.0.1:8080
SCALE    ?= 1

CHROMIUM ?= /usr/bin/chromium
ECHARTS  := dashboards/static/vendor/echarts.min.js

.PHONY: run test setup build demo publish bench bench-demo bench-county bench-ingest bench-site bench-admin bench-api clean

## setup: system packages (a C compiler for DuckDB's cgo driver; Node and
## Debian's Chromium for the browser tests; PostgreSQL 15 and wrk for the
## benchmark suite and its tests), Go modules, the npm packages of
## package-lock.json (npm ci when node_modules is missing or older than the
## lockfile) and the echarts file the public site serves.
setup:
	@command -v $(GO) >/dev/null || { echo "Go 1.26 or newer is required: https://go.dev/dl/"; exit 1; }
	@command -v gcc >/dev/null || { apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev; }
	$(GO) mod download
	@{ command -v node && command -v npm; } >/dev/null || { apt-get update && apt-get install -y --no-install-recommends nodejs npm; }
	@node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' || \
		echo "warning: playwright-core needs Node 20 or newer (found $$(node --version)): the browser tests will fail"
	@[ -x $(CHROMIUM) ] || command -v chromium >/dev/null || { apt-get update && apt-get install -y --no-install-recommends chromium; }
	@./scripts/bench-install.sh
	@if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
		npm ci --no-audit --no-fund && touch node_modules/.package-lock.json; fi
	@mkdir -p $(dir $(ECHARTS))
	@cmp -s node_modules/echarts/dist/echarts.min.js $(ECHARTS) || cp node_modules/echarts/dist/echarts.min.js $(ECHARTS)

build: setup
	mkdir -p bin
	$(GO) build -o bin/etl ./cmd/etl
	$(GO) build -o bin/publicsite ./cmd/publicsite

## demo: generate and load the demo municipality (once; `make clean` to redo)
demo: build
	@if [ -f $(DB) ]; then echo "$(DB) exists: keeping it (make clean to start over)"; \
	else ./bin/etl demo --db $(DB) --scale $(SCALE); fi

publish: demo
	./bin/etl publish --db $(DB) --out $(RELEASES) --keep 5

## run: build, load the demo, publish it and serve it on http://$(ADDR)
run: publish
	./bin/publicsite --releases $(RELEASES) --addr $(ADDR)

## test: every test, against real DuckDB files, with the race-free default build
test: setup
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 20m ./...

## bench: the benchmark suite, every benchmark against its baseline at
## BENCH_SCALES: ingest (etl load vs read_csv), publish (vs a bare COPY),
## queries (the release as the site holds it vs PostgreSQL 15, indexed),
## serve (pages, searches and a download under wrk vs a static file; cold
## and warm first requests). Installs postgresql-15 and wrk when missing;
## writes bench/results/<date>.json and .md (scripts/bench-suite.sh)
BENCH_SCALES ?= 1,10,100
bench: build
	BENCH_SCALES=$(BENCH_SCALES) ./scripts/bench-suite.sh

## bench-demo: demo + publish at scale 1 and 10 with timings and peak memory
bench-demo: build
	mkdir -p $(VAR)
	./scripts/bench-demo.sh 1 10 | tee var/bench-demo.json

## bench-county: the demo county of 60 units at scale 10 (etl demo --county
## under /usr/bin/time -v, publish, release size), the municipality demo at
## the same scale as the baseline; /judet, a sorted /judet and /en/county
## under wrk (64 connections) against their static twins, and the first
## request of /judet after the release opens against the next one
bench-county: build
	mkdir -p $(VAR)
	$(GO) run ./scripts/bench county --etl bin/etl --units $(or $(UNITS),60) --scale $(or $(COUNTY_SCALE),10) --dir $(VAR)/bench-county | tee $(VAR)/bench-county.json

## bench-ingest: a Windows-1250 procurement register through etl load,
## against DuckDB's read_csv of the same cells in UTF-8
## (INGEST_FLAGS="--mapped=false --baseline-etl OTHER/etl": the canonical
## CSV only, against another binary in the same runs)
ROWS ?= 5000000
INGEST_FLAGS ?=
bench-ingest: build
	mkdir -p $(VAR)
	$(GO) run ./scripts/bench ingest --etl bin/etl --rows $(ROWS) --dir $(VAR)/bench-ingest $(INGEST_FLAGS) | tee $(VAR)/bench-ingest.json

## bench-site: the public site under load, page by page, against a static
## file of the same size from a server of the same kind (demo at scale 10)
bench-site: setup
	mkdir -p $(VAR)
	$(GO) run ./scripts/sitebench --scale 10 | tee $(VAR)/bench-site.json

## bench-admin: the dashboards' first screen and a drill-down, first render
## after a release opens and warm, signed in (demo at ADMIN_SCALES); with
## BASELINE=<commit>[,...] those commits' server too, on the same release
ADMIN_SCALES ?= 10
BASELINE ?=
bench-admin: setup
	mkdir -p $(VAR)
	$(GO) run ./scripts/adminbench --scales $(ADMIN_SCALES) $(if $(BASELINE),--baseline $(BASELINE)) | tee $(VAR)/bench-admin.json

## bench-api: whole-dataset downloads against a static file server, API
## rows per second on page 1 and deep in the largest table, and the
## server's peak memory while streaming it (demo at scale 10, deleted after)
bench-api: setup
	mkdir -p $(VAR)
	$(GO) run ./scripts/apibench --scale 10 | tee $(VAR)/bench-api.json

clean:
	rm -rf $(VAR) bin
