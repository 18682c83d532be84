#!/usr/bin/env bash
# End-to-end benchmark of the demo: etl demo and etl publish at each scale
# given (default 1 10), against a bare DuckDB COPY of the same datasets.
set -euo pipefail
cd "$(dirname "$0")/.."
scales=$(IFS=,; echo "${*:-1,10}")
go run ./scripts/bench --etl bin/etl --scales "${scales// /,}" --runs 3
