#!/usr/bin/env bash
# Makes sure Redis and PostgreSQL answer on 127.0.0.1 and the databases exist (tripwire, the tests' one per
# module (lib.sh test_databases), and any named as arguments). Idempotent and fast when everything is up; installs the servers when missing
# and running as root, otherwise says what to install.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

say() { echo "infra-up: $*"; }
is_root() { [[ "$(id -u)" == 0 ]]; }

wait_for() {  # wait_for NAME CHECK...: up to 20 s
    local name="$1"; shift
    for _ in $(seq 1 40); do "$@" && return 0; sleep 0.5; done
    say "$name did not come up"; return 1
}

install_missing() {
    local packages=()
    command -v redis-server >/dev/null && command -v redis-cli >/dev/null || packages+=(redis-server redis-tools)
    command -v pg_isready >/dev/null && compgen -G "/etc/postgresql/*/main" >/dev/null || packages+=(postgresql)
    # Tools the scripts use: curl (health checks), ss (ports), ps (pids).
    command -v curl >/dev/null || packages+=(curl)
    command -v ss >/dev/null || packages+=(iproute2)
    command -v ps >/dev/null || packages+=(procps)
    ((${#packages[@]})) || return 0
    if ! is_root; then
        say "missing ${packages[*]}; install them with: sudo apt-get install -y ${packages[*]}"; exit 1
    fi
    say "installing ${packages[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
}

start_redis() {
    redis_up && return 0
    # The shared dev Redis is DB-indexed per use (services 0, tests 1-8, smoke 15), so one server on 6379.
    if ! is_root; then say "Redis is down; start it: redis-server --daemonize yes --bind 127.0.0.1 --port 6379"; exit 1; fi
    say "starting Redis"
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
        --dir /var/lib/redis --logfile /var/log/redis/ci.log
    wait_for Redis redis_up
}

start_postgres() {
    pg_isready -q -h 127.0.0.1 -p 5432 || {
        if ! is_root; then say "PostgreSQL is down; start it: sudo pg_ctlcluster <version> main start"; exit 1; fi
        say "starting PostgreSQL"
        pg_ctlcluster --skip-systemctl-redirect "$(find /etc/postgresql -mindepth 1 -maxdepth 1 -printf "%f\n" | sort -V | tail -1)" main start
        wait_for PostgreSQL pg_isready -q -h 127.0.0.1 -p 5432
    }
    pg_up && return 0
    # A fresh Debian install wants a password over TCP and the postgres role has none: give it the
    # services' default (PG_PASSWORD), through the local socket where the postgres OS user is trusted.
    if ! is_root; then say "cannot log in to PostgreSQL as postgres over TCP; set PG_PASSWORD"; exit 1; fi
    say "setting the postgres role's password for TCP logins"
    runuser -u postgres -- psql -qc "ALTER ROLE postgres PASSWORD '${PGPASSWORD//\'/\'\'}'" >/dev/null
    pg_up || { say "still cannot log in to PostgreSQL at 127.0.0.1:5432 as postgres"; exit 1; }
}

create_databases() {
    local existing db
    existing="$(psql -h 127.0.0.1 -U postgres -d postgres -tAc 'SELECT datname FROM pg_database')"
    # each name once: run.sh passes its PG_DB, which is tripwire by default (asked twice, created twice, failed)
    for db in $(printf '%s\n' tripwire $(test_databases) "$@" | awk '!seen[$0]++'); do
        grep -qx -- "$db" <<<"$existing" && continue
        say "creating database $db"
        createdb -h 127.0.0.1 -U postgres "$db"
    done
}

install_missing
start_redis
start_postgres
create_databases "$@"
say "Redis and PostgreSQL are up on 127.0.0.1"
