#!/usr/bin/env bash
# What the benchmark suite and its tests need beyond Go, on Debian:
# PostgreSQL 15 from Debian's packages (without its system cluster: the
# suite starts its own on a Unix socket in a temporary directory and stops
# it after) and wrk. Does nothing when both are there.
set -euo pipefail
need=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql-15)
command -v wrk >/dev/null || need+=(wrk)
if [ ${#need[@]} -gt 0 ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "the suite needs ${need[*]}: run as root, or apt-get install -y ${need[*]}" >&2
		exit 1
	fi
	# No system cluster: the suite runs its own, and a fresh machine keeps no server running.
	mkdir -p /etc/postgresql-common/createcluster.d
	[ -e /etc/postgresql-common/createcluster.d/deschis-bench.conf ] ||
		echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.d/deschis-bench.conf
	apt-get update
	apt-get install -y --no-install-recommends "${need[@]}"
fi
