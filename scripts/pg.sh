#!/usr/bin/env bash
# Throwaway PostgreSQL 15 server for development, tests and CI (Debian 12).
#
#   scripts/pg.sh start DIR [PORT]   start (or reuse) a server with data dir and socket inside DIR, listening
#                                    on 127.0.0.1:PORT (default 15432); prints the connection string on stdout
#   scripts/pg.sh stop DIR           stop it (no error when it is not running)
#   scripts/pg.sh status DIR         exit 0 when it is running
#
# Installs Debian's postgresql package when no server binaries are found (needs root). The server runs as a
# non-root user: the caller, or the Debian `postgres` user when the caller is root. Role and database
# `runtasks` (password `runtasks`, CREATEDB so tests can make their own databases) are created once.
# Diagnostics go to stderr; stdout carries only the connection string.
set -euo pipefail

readonly DEFAULT_PORT=15432
readonly APP_ROLE=runtasks
readonly APP_PASSWORD=runtasks
readonly APP_DB=runtasks

log() { printf 'pg.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

usage() {
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

find_bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
        printf '%s\n' "$dir"
    fi
}

install_postgres() {
    [[ $EUID -eq 0 ]] || die "PostgreSQL server binaries not found under /usr/lib/postgresql and not root: install the 'postgresql' package"
    log "installing Debian's postgresql package (apt-get)"
    # A policy-rc.d that answers 101 stops the package from starting the distribution's own cluster service.
    local policy=/usr/sbin/policy-rc.d created_policy=0
    if [[ ! -e $policy ]]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy"
        chmod 755 "$policy"
        created_policy=1
    fi
    local rc=0
    {
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq &&
            apt-get install -y -qq --no-install-recommends postgresql postgresql-client
    } >&2 || rc=$?
    if [[ $created_policy -eq 1 ]]; then rm -f "$policy"; fi
    [[ $rc -eq 0 ]] || die "apt-get install postgresql failed (exit $rc)"
}

# Runs a command as the server's owner: the caller, or `postgres` when the caller is root.
as_owner() {
    if [[ $EUID -ne 0 ]]; then
        "$@"
    elif command -v runuser >/dev/null 2>&1; then
        runuser -u postgres -- "$@"
    else
        su -s /bin/sh postgres -c "$(printf '%q ' "$@")"
    fi
}

ensure_owner() {
    [[ $EUID -eq 0 ]] || return 0
    if ! id -u postgres >/dev/null 2>&1; then
        log "creating system user postgres"
        useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash postgres
    fi
    chown postgres: "$DIR"
    # The server must be able to reach DIR through every parent directory.
    as_owner test -x "$DIR" -a -w "$DIR" ||
        die "user postgres cannot use $DIR (a parent directory is not searchable): choose a directory such as /tmp/..."
}

is_running() {
    [[ -f "$DATA/PG_VERSION" ]] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

running_port() {
    # Line 4 of postmaster.pid is the port the running server listens on.
    sed -n 4p "$DATA/postmaster.pid" 2>/dev/null || true
}

psql_admin() {
    (cd "$DIR" && as_owner "$BIN/psql" -X -q -h "$DIR" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@")
}

cmd_start() {
    mkdir -p "$DIR"
    DIR=$(cd "$DIR" && pwd -P)
    DATA="$DIR/data"

    BIN=$(find_bindir)
    if [[ -z "$BIN" ]]; then
        install_postgres
        BIN=$(find_bindir)
        [[ -n "$BIN" ]] || die "PostgreSQL was installed but no initdb was found under /usr/lib/postgresql/*/bin"
    fi
    ensure_owner

    if is_running; then
        local actual
        actual=$(running_port)
        if [[ -n "$actual" && "$actual" != "$PORT" ]]; then
            log "a server is already running in $DIR on port $actual; using it"
            PORT=$actual
        fi
    else
        if [[ ! -f "$DATA/PG_VERSION" ]]; then
            log "initdb $DATA ($("$BIN/postgres" --version))"
            (cd "$DIR" && as_owner "$BIN/initdb" -D "$DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
                --auth-local=trust --auth-host=scram-sha-256 >"$DIR/initdb.log" 2>&1) ||
                { cat "$DIR/initdb.log" >&2; die "initdb failed"; }
        fi
        log "starting PostgreSQL on 127.0.0.1:$PORT (data $DATA)"
        # Throwaway server: durability settings are off to keep tests fast.
        local opts="-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c timezone=UTC -c max_connections=200"
        opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        if ! (cd "$DIR" && as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" -o "$opts" -w -t 60 start >&2); then
            tail -n 30 "$DIR/server.log" >&2 || true
            die "pg_ctl start failed (is port $PORT already in use?)"
        fi
    fi

    psql_admin <<SQL
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$APP_ROLE') THEN
        CREATE ROLE $APP_ROLE LOGIN CREATEDB PASSWORD '$APP_PASSWORD';
    END IF;
END
\$\$;
SELECT 'CREATE DATABASE $APP_DB OWNER $APP_ROLE'
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$APP_DB') \gexec
SQL

    printf 'Host=127.0.0.1;Port=%s;Database=%s;Username=%s;Password=%s\n' "$PORT" "$APP_DB" "$APP_ROLE" "$APP_PASSWORD"
}

cmd_stop() {
    [[ -d "$DIR" ]] || { log "$DIR does not exist; nothing to stop"; return 0; }
    DIR=$(cd "$DIR" && pwd -P)
    DATA="$DIR/data"
    BIN=$(find_bindir)
    if [[ -z "$BIN" || ! -f "$DATA/PG_VERSION" ]]; then
        log "no server in $DIR"
        return 0
    fi
    if is_running; then
        (cd "$DIR" && as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >&2)
    else
        log "server in $DIR is not running"
    fi
}

cmd_status() {
    DIR=$(cd "$DIR" 2>/dev/null && pwd -P) || { log "not running"; return 1; }
    DATA="$DIR/data"
    BIN=$(find_bindir)
    if [[ -n "$BIN" ]] && is_running; then
        log "running on 127.0.0.1:$(running_port) (data $DATA)"
    else
        log "not running"
        return 1
    fi
}

[[ $# -ge 2 ]] || usage
COMMAND=$1
DIR=$2
PORT=${3:-$DEFAULT_PORT}
[[ "$PORT" =~ ^[0-9]+$ ]] || die "PORT must be a number, got '$PORT'"
DATA=
BIN=

case "$COMMAND" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    *) usage ;;
esac
