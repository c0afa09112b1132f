#!/usr/bin/env bash
# The docker-compose topology as local processes, for development and tests.
#
#   scripts/cluster.sh start [--no-build]   PostgreSQL (scripts/pg.sh), schema migration, silo1, silo2, API
#   scripts/cluster.sh stop                 stop all of them
#   scripts/cluster.sh status               show what runs, with health
#
#   silo1  silo 11111  gateway 30000  http://127.0.0.1:8081 (GET /healthz)
#   silo2  silo 11112  gateway 30001  http://127.0.0.1:8082
#   api    http://127.0.0.1:8080 (/healthz, /readyz, /dashboard)
#
# Silo and gateway ports use mutual TLS with certificates scripts/certs.sh makes in .work/cluster/certs (once; kept),
# and the Data Protection key ring is stored encrypted with .work/cluster/certs/keyring.crt.
# State, logs and pids live in .work/cluster (gitignored). Environment overrides: CLUSTER_PG_PORT (15432),
# CLUSTER_WAIT_SECONDS (120), CLUSTER_SILO_DLL / CLUSTER_API_DLL (other builds; use with --no-build),
# RunTasks__HmacKeys__0, RunTasks__PublicBaseUrl, ASPNETCORE_ENVIRONMENT.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
W=$ROOT/.work/cluster
PG_PORT=${CLUSTER_PG_PORT:-15432}
WAIT_SECONDS=${CLUSTER_WAIT_SECONDS:-120}
SILO_DLL=${CLUSTER_SILO_DLL:-$ROOT/src/Silo/bin/Debug/net10.0/RunTasks.Silo.dll}
API_DLL=${CLUSTER_API_DLL:-$ROOT/src/Api/bin/Debug/net10.0/RunTasks.Api.dll}

# name | dll | arguments (after the connection string) | health URL
COMPONENTS=(
    "silo1|$SILO_DLL|--Orleans:SiloPort 11111 --Orleans:GatewayPort 30000 --Orleans:SiloName silo1 --Orleans:AdvertisedIP 127.0.0.1 --urls http://127.0.0.1:8081|http://127.0.0.1:8081/healthz"
    "silo2|$SILO_DLL|--Orleans:SiloPort 11112 --Orleans:GatewayPort 30001 --Orleans:SiloName silo2 --Orleans:AdvertisedIP 127.0.0.1 --urls http://127.0.0.1:8082|http://127.0.0.1:8082/healthz"
    "api|$API_DLL|--urls http://127.0.0.1:8080|http://127.0.0.1:8080/healthz"
)

log() { printf 'cluster.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

pid_of() {
    local file=$W/$1.pid pid
    [[ -f $file ]] || return 1
    pid=$(<"$file")
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && printf '%s\n' "$pid"
}

healthy() {
    curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null
}

# The server runs as `postgres` when we are root, and that user must reach its directory.
pg_dir() {
    if [[ -f $W/pg.dir ]]; then
        cat "$W/pg.dir"
        return
    fi
    local dir=$W/pg
    if [[ $EUID -eq 0 ]] && id -u postgres >/dev/null 2>&1 && ! runuser -u postgres -- test -x "$W"; then
        dir=/tmp/runtasks-cluster-pg
    fi
    printf '%s\n' "$dir" | tee "$W/pg.dir"
}

cmd_start() {
    local build=1
    [[ ${1:-} == --no-build ]] && build=0
    mkdir -p "$W" "$W/keys"

    local running=0 c name
    for c in "${COMPONENTS[@]}"; do
        IFS='|' read -r name _ _ _ <<<"$c"
        if pid_of "$name" >/dev/null; then running=1; fi
    done
    [[ $running -eq 0 ]] || die "already running (scripts/cluster.sh status; scripts/cluster.sh stop)"

    # A failed start stops whatever it started (logs stay in .work/cluster), unless CLUSTER_KEEP_ON_FAILURE=1.
    if [[ ${CLUSTER_KEEP_ON_FAILURE:-0} != 1 ]]; then
        trap 'rc=$?; if [[ $rc -ne 0 ]]; then log "start failed; stopping what was started"; cmd_stop >/dev/null 2>&1 || true; fi' EXIT
    fi

    local cs
    cs=$("$ROOT/scripts/pg.sh" start "$(pg_dir)" "$PG_PORT")
    printf '%s\n' "$cs" >"$W/connection-string"
    log "PostgreSQL: $cs"

    if [[ $build -eq 1 ]]; then
        local project
        for project in src/Silo/RunTasks.Silo.csproj src/Api/RunTasks.Api.csproj; do
            log "dotnet build $project"
            (cd "$ROOT" && timeout 900 dotnet build "$project" -c Debug -nologo -v q) >"$W/build.log" 2>&1 ||
                { tail -n 40 "$W/build.log" >&2; die "build of $project failed (log: $W/build.log)"; }
        done
    fi
    [[ -f $SILO_DLL ]] || die "$SILO_DLL not found: build first (without --no-build)"
    [[ -f $API_DLL ]] || die "$API_DLL not found: build first (without --no-build)"

    log "applying the schema"
    (cd "$ROOT" && timeout 300 dotnet "$SILO_DLL" migrate --ConnectionStrings:RunTasks "$cs") >"$W/migrate.log" 2>&1 ||
        { tail -n 40 "$W/migrate.log" >&2; die "schema migration failed (log: $W/migrate.log)"; }

    export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
    export RunTasks__HmacKeys__0=${RunTasks__HmacKeys__0:-local-development-hmac-key-change-me}
    export RunTasks__PublicBaseUrl=${RunTasks__PublicBaseUrl:-http://127.0.0.1:8080}
    export RunTasks__AllowedHosts__0=${RunTasks__AllowedHosts__0:-app.terraform.io}
    export DataProtection__KeysPath=${DataProtection__KeysPath:-$W/keys}

    # Mutual TLS between silos and the Api, and an encrypted key ring: as in production.
    "$ROOT/scripts/certs.sh" "$W/certs" 2>>"$W/certs.log" || die "scripts/certs.sh failed (log: $W/certs.log)"
    export Orleans__Tls__CertificatePath=${Orleans__Tls__CertificatePath:-$W/certs/node.crt}
    export Orleans__Tls__KeyPath=${Orleans__Tls__KeyPath:-$W/certs/node.key}
    export Orleans__Tls__CaPath=${Orleans__Tls__CaPath:-$W/certs/ca.crt}
    export DataProtection__CertificatePath=${DataProtection__CertificatePath:-$W/certs/keyring.crt}
    export DataProtection__KeyPath=${DataProtection__KeyPath:-$W/certs/keyring.key}
    export Orleans__ClusterId=${Orleans__ClusterId:-runtasks}
    export Orleans__ServiceId=${Orleans__ServiceId:-runtasks}

    local dll args url
    for c in "${COMPONENTS[@]}"; do
        IFS='|' read -r name dll args url <<<"$c"
        log "starting $name ($url)"
        # setsid: the process outlives this shell and gets no terminal signals; it is stopped by its pid.
        # shellcheck disable=SC2086
        (cd "$ROOT" && exec setsid dotnet "$dll" --ConnectionStrings:RunTasks "$cs" $args \
            >"$W/$name.log" 2>&1 </dev/null) &
        printf '%s\n' "$!" >"$W/$name.pid"
    done

    local deadline=$((SECONDS + WAIT_SECONDS)) pending
    while :; do
        pending=()
        for c in "${COMPONENTS[@]}"; do
            IFS='|' read -r name _ _ url <<<"$c"
            pid_of "$name" >/dev/null || { tail -n 30 "$W/$name.log" >&2; die "$name exited (log: $W/$name.log)"; }
            healthy "$url" || pending+=("$name")
        done
        [[ ${#pending[@]} -eq 0 ]] && break
        [[ $SECONDS -lt $deadline ]] || die "not healthy after ${WAIT_SECONDS}s: ${pending[*]} (logs in $W)"
        sleep 1
    done
    trap - EXIT
    log "cluster is up: API http://127.0.0.1:8080 (dashboard /dashboard), logs in $W"
}

cmd_stop() {
    local c name pid
    for c in "${COMPONENTS[@]}"; do
        IFS='|' read -r name _ _ _ <<<"$c"
        if pid=$(pid_of "$name"); then
            log "stopping $name (pid $pid)"
            kill -TERM "$pid" 2>/dev/null || true
            local i
            for i in $(seq 1 30); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.5
            done
            if kill -0 "$pid" 2>/dev/null; then
                log "$name did not stop in 15 s; killing it"
                kill -KILL "$pid" 2>/dev/null || true
            fi
        fi
        rm -f "$W/$name.pid"
    done
    if [[ -d $W ]]; then
        "$ROOT/scripts/pg.sh" stop "$(pg_dir)"
    fi
}

cmd_status() {
    local c name url pid state rc=0
    printf '%-8s %-8s %-10s %s\n' NAME PID STATE URL
    for c in "${COMPONENTS[@]}"; do
        IFS='|' read -r name _ _ url <<<"$c"
        if pid=$(pid_of "$name"); then
            if healthy "$url"; then state=healthy; else state=unhealthy; rc=1; fi
        else
            pid=-; state=stopped; rc=1
        fi
        printf '%-8s %-8s %-10s %s\n' "$name" "$pid" "$state" "$url"
    done
    if [[ -d $W ]] && "$ROOT/scripts/pg.sh" status "$(pg_dir)" 2>/dev/null; then
        printf '%-8s %-8s %-10s %s\n' postgres - running "$(cat "$W/connection-string" 2>/dev/null)"
    else
        printf '%-8s %-8s %-10s\n' postgres - stopped
        rc=1
    fi
    return $rc
}

case "${1:-}" in
    start) shift; cmd_start "$@" ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    *) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
