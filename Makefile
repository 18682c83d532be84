# Deschis: the two commands of README.md, and the steps they are made of.
# `make run` and `make test` do all the set-up a fresh Debian machine needs.

GO       ?= go
VAR      ?= var
DB       ?= $(VAR)/deschis.duckdb
RELEASES ?= $(VAR)/releases
ADDR     ?= 127.0.0.1:8080
SCALE    ?= 1

.PHONY: run test setup build demo publish bench-demo clean

## setup: system packages (a C compiler for DuckDB's cgo driver) and Go modules
setup:
	@command -v $(GO) >/dev/null || { echo "Go 1.26 or newer is required: https://go.dev/dl/"; exit 1; }
	@command -v gcc >/dev/null || { apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev; }
	$(GO) mod download

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

## bench-demo: demo + publish at scale 1 and 10 with timings and peak memory
bench-demo: build
	mkdir -p $(VAR)
	./scripts/bench-demo.sh 1 10 | tee var/bench-demo.json

clean:
	rm -rf $(VAR) bin
