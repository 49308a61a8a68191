#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on 127.0.0.1 for serialkit-serial's
# PostgreSQL tests, installing Debian's package first if it is missing.
# Idempotent: a second run reuses the running server and database.
#
# stdout is one line for the caller to eval:
#   eval "$(bash serial/ci/postgres.sh)"   # sets SERIALKIT_PG_URL
# Everything else goes to stderr.
#
# Settings (env): SERIALKIT_PG_PORT (54329), SERIALKIT_PG_DATA
# (/tmp/serialkit-pg), SERIALKIT_PG_DB (serialkit_test).
set -euo pipefail

port=${SERIALKIT_PG_PORT:-54329}
data=${SERIALKIT_PG_DATA:-/tmp/serialkit-pg}
db=${SERIALKIT_PG_DB:-serialkit_test}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ -z "$(pg_bin)" ]; then
    echo "postgres.sh: installing PostgreSQL from Debian" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
fi
bin=$(pg_bin)

# The server refuses to run as root: run its tools as `postgres` then.
as_pg() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

if [ "$(id -u)" = 0 ]; then
    mkdir -p "$data"
    chown postgres:postgres "$data"
    chmod 700 "$data"
else
    mkdir -p "$data"
    chmod 700 "$data"
fi

if [ ! -f "$data/PG_VERSION" ]; then
    echo "postgres.sh: initdb $data" >&2
    as_pg "$bin/initdb" -D "$data" -U postgres -A trust --no-sync >&2
fi

if ! as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    echo "postgres.sh: starting on 127.0.0.1:$port" >&2
    as_pg "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
        -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c max_connections=200" start >&2
fi

psql=("$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtA)
if [ "$(as_pg "${psql[@]}" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
    as_pg "${psql[@]}" -d postgres -c "CREATE DATABASE $db" >&2
fi

echo "export SERIALKIT_PG_URL=postgresql://postgres@127.0.0.1:$port/$db"
