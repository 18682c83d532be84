#!/usr/bin/env bash
# make bench: the benchmark suite (scripts/benchsuite) at BENCH_SCALES
# (default 1,10,100), with the binaries `make build` wrote. On a fresh
# Debian it first installs what the suite needs: PostgreSQL 15 from Debian's
# packages (without its system cluster: the suite starts its own on a Unix
# socket in a temporary directory and stops it after) and wrk. Writes
# bench/results/<date>.json and bench/results/<date>.md and prints the
# summary. Extra arguments go to benchsuite (e.g. --query-runs 50).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bench-install.sh
go build -o bin/benchsuite ./scripts/benchsuite
exec ./bin/benchsuite --scales "${BENCH_SCALES:-1,10,100}" --etl bin/etl --site bin/publicsite --out bench/results "$@"
