#!/usr/bin/env bash
# Install what the tests need, then lint, type-check and run the whole test suite.
#
# The service tests run against SQLite and a real PostgreSQL server: the one on
# 127.0.0.1:5432 when it accepts us (database `test`, user postgres or root, trust auth),
# otherwise a throwaway cluster of Debian's postgresql package (installed when missing)
# started on a free loopback port and stopped on exit. The sponsor-page test drives
# Debian's chromium (installed when missing), the MS Project tests a Java runtime (Debian's
# default-jre-headless, installed when missing). Without them, those tests fail.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -e '.[dev]'

apt_install() {
    # Debian packages, when we may install them (root) and they are missing.
    if [ "$(id -u)" != 0 ]; then
        echo "test.sh: not root, cannot apt-get install $*" >&2
        return 1
    fi
    if [ -z "${APT_UPDATED:-}" ]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

can_connect() {
    python3 -c 'import sys, psycopg; psycopg.connect(sys.argv[1], connect_timeout=3).close()' \
        "$1" 2>/dev/null
}

port_open() {
    if command -v pg_isready >/dev/null; then
        pg_isready -q -h 127.0.0.1 -p 5432
    else
        python3 -c 'import socket; socket.create_connection(("127.0.0.1", 5432), 2).close()' \
            2>/dev/null
    fi
}

PG_CLUSTER=""
stop_postgres() {
    if [ -n "$PG_CLUSTER" ]; then
        as_postgres "$PG_BIN/pg_ctl" -D "$PG_CLUSTER/data" -m immediate stop >/dev/null 2>&1 || true
        rm -rf "$PG_CLUSTER"
    fi
}
trap stop_postgres EXIT

as_postgres() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start_throwaway_postgres() {
    local initdb
    initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -z "$initdb" ]; then
        apt_install postgresql || return 1
        initdb=$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)
    fi
    PG_BIN=$(dirname "$initdb")
    PG_CLUSTER=$(mktemp -d /tmp/zenplan-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres: "$PG_CLUSTER"
    local port
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_postgres "$PG_BIN/initdb" -D "$PG_CLUSTER/data" -A trust -U postgres >/dev/null || return 1
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_CLUSTER/data" -l "$PG_CLUSTER/log" -w \
        -o "-h 127.0.0.1 -p $port -k $PG_CLUSTER" start >/dev/null || return 1
    as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres test || return 1
    ZENPLAN_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/test"
}

provide_postgres() {
    if [ -n "${ZENPLAN_TEST_POSTGRES_URL:-}" ]; then
        return 0
    fi
    # ZENPLAN_TEST_THROWAWAY_POSTGRES=1 skips the server on 5432 (to try the fallback).
    if [ -z "${ZENPLAN_TEST_THROWAWAY_POSTGRES:-}" ] && port_open; then
        for user in postgres root; do
            if can_connect "postgresql://$user@127.0.0.1:5432/test"; then
                ZENPLAN_TEST_POSTGRES_URL="postgresql://$user@127.0.0.1:5432/test"
                return 0
            fi
        done
    fi
    start_throwaway_postgres
}

if provide_postgres; then
    echo "== PostgreSQL for the service tests: ${ZENPLAN_TEST_POSTGRES_URL}"
    export ZENPLAN_TEST_POSTGRES_URL
else
    echo "test.sh: could not provide PostgreSQL; its tests will fail" >&2
fi
if [ ! -x /usr/bin/chromium ]; then
    apt_install chromium || echo "test.sh: could not install chromium; the browser test will fail" >&2
fi
if ! command -v java >/dev/null; then
    # MS Project files go through MPXJ, a Java library
    apt_install default-jre-headless || echo "test.sh: could not install Java; the MS Project tests will fail" >&2
fi
export ZENPLAN_REQUIRE_POSTGRES=1 ZENPLAN_REQUIRE_BROWSER=1 ZENPLAN_REQUIRE_JAVA=1

echo "== ruff"
python3 -m ruff check .
python3 -m ruff format --check .
echo "== mypy (core packages and the service)"
python3 -m mypy -p zenplan
# pytest -q prints no header, so the random order's seed is chosen and shown here
order=()
case " $* " in
*no:randomly* | *--randomly-seed*) echo "== pytest" ;;
*)
    seed="$(python3 -c 'import random; print(random.randrange(10**9))')"
    order=(--randomly-seed="${seed}")
    echo "== pytest (random order; bash scripts/test.sh --randomly-seed=${seed} repeats it)"
    ;;
esac
# -n auto: one test process per core, at most 4 (each test keeps to its own database schema,
# files and ports); -n 0 in the arguments runs them in this process
python3 -m pytest -q -n auto --maxprocesses=4 "${order[@]}" "$@"
