#!/usr/bin/env bash
# Validates docker-compose.yml offline (no Docker engine needed) with Debian's docker-compose 1.29 (v1).
# Uses docker-compose from PATH when there is one; otherwise downloads the Debian package and its python3
# dependencies with `apt-get download`, unpacks them with `dpkg -x` under .work/compose-v1 (or
# $COMPOSE_V1_DIR) and runs them with the system's /usr/bin/python3. Falls back to
# `apt-get install docker-compose` when there is no Debian python3.
# v1 knows an older schema than `docker compose` v2, so the file sticks to keys both accept.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
COMPOSE_FILE=${1:-$ROOT/docker-compose.yml}
WORK=${COMPOSE_V1_DIR:-$ROOT/.work/compose-v1}

log() { printf 'validate-compose: %s\n' "$*" >&2; }

apt_ready() {
    apt-cache policy docker-compose 2>/dev/null | grep -q 'Candidate: [0-9]' ||
        { log "apt-get update"; apt-get update -qq >&2; }
}

unpack_v1() {
    local root=$WORK/root
    if [[ -x $root/usr/bin/docker-compose ]]; then
        return 0
    fi
    apt_ready
    # docker-compose and every python3-* library it needs, but not the interpreter: /usr/bin/python3 runs it.
    local pkgs
    pkgs=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces \
        --no-enhances --no-pre-depends docker-compose |
        grep -E '^(docker-compose|python3-[a-z0-9.-]+|libyaml-0-2)$' | grep -Ev '^python3-minimal$' | sort -u)
    local debs=$WORK/debs
    rm -rf "$debs" "$root.tmp"
    mkdir -p "$debs" "$root.tmp"
    log "apt-get download $(echo "$pkgs" | wc -l) packages"
    # shellcheck disable=SC2086
    (cd "$debs" && apt-get download -qq $pkgs >&2 2>/dev/null) || (cd "$debs" && apt-get download $pkgs >&2)
    for deb in "$debs"/*.deb; do
        dpkg -x "$deb" "$root.tmp"
    done
    mv "$root.tmp" "$root"
}

compose() {
    if command -v docker-compose >/dev/null 2>&1; then
        docker-compose "$@"
    elif [[ -x /usr/bin/python3 ]] && command -v apt-get >/dev/null 2>&1; then
        unpack_v1
        local root=$WORK/root
        PYTHONPATH=$root/usr/lib/python3/dist-packages \
            LD_LIBRARY_PATH=$root/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} \
            /usr/bin/python3 "$root/usr/bin/docker-compose" "$@"
    elif [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        apt_ready
        log "apt-get install docker-compose"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >&2
        docker-compose "$@"
    else
        log "no docker-compose and no way to get it (needs Debian's apt-get)"
        return 1
    fi
}

log "docker-compose $(compose version --short)"

# The validator must reject a broken file, or a pass below would mean nothing.
bad=$(mktemp --suffix=.yml)
trap 'rm -f "$bad"' EXIT
printf 'services:\n  x:\n    image: busybox\n    not_a_compose_key: 1\n' >"$bad"
if compose -f "$bad" config -q >/dev/null 2>&1; then
    log "error: docker-compose accepted an invalid file; cannot trust it"
    exit 1
fi

cd "$(dirname "$COMPOSE_FILE")"
# An empty env file, so an .env beside the compose file cannot supply what the checks below set or leave out.
no_env=$(mktemp)
trap 'rm -f "$bad" "$no_env"' EXIT

# Without RUNTASKS_HMAC_KEY the file must be refused, naming the variable: there is no public fallback key.
if refusal=$(unset RUNTASKS_HMAC_KEY; compose --env-file "$no_env" -f "$COMPOSE_FILE" config -q 2>&1); then
    log "error: $COMPOSE_FILE is accepted without RUNTASKS_HMAC_KEY; require it with \${RUNTASKS_HMAC_KEY:?...}"
    exit 1
elif ! grep -q RUNTASKS_HMAC_KEY <<<"$refusal"; then
    log "error: without RUNTASKS_HMAC_KEY the file is refused for another reason: $refusal"
    exit 1
fi
log "refused without RUNTASKS_HMAC_KEY, as it must be"

export RUNTASKS_HMAC_KEY=validate-compose-placeholder
compose --env-file "$no_env" -f "$COMPOSE_FILE" config -q
compose --env-file "$no_env" -f "$COMPOSE_FILE" config --services | sort | tr '\n' ' ' | sed 's/^/validate-compose: services: /;s/$/\n/' >&2
log "OK: $COMPOSE_FILE"
