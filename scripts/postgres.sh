#!/usr/bin/env bash
# Private PostgreSQL 15 + PostGIS clusters for development and tests.
#
#   scripts/postgres.sh install          install postgresql-15 + postgis (apt) if missing
#   scripts/postgres.sh init DIR PORT    create (or reuse) a cluster in DIR, start it,
#                                        ensure role/database "tracking" + postgis exist
#   scripts/postgres.sh start DIR        start the cluster (no-op if running)
#   scripts/postgres.sh stop DIR         fast shutdown (no-op if stopped)
#   scripts/postgres.sh status DIR       exit 0 if running
#   scripts/postgres.sh url PORT         print the Npgsql connection string
#
# Layout of DIR: data/ (PGDATA), run/ (unix socket, private to the cluster so it
# never collides with a system cluster), log/postgresql.log (server log).
# Messages go to stderr so that stdout stays clean for `url` and `status`.
set -euo pipefail

PG_MAJOR=15
PG_BIN="/usr/lib/postgresql/${PG_MAJOR}/bin"
POSTGIS_CONTROL="/usr/share/postgresql/${PG_MAJOR}/extension/postgis.control"
PACKAGES=(postgresql-15 postgresql-15-postgis-3)
# Fresh clusters run as this system user when we are root (initdb refuses root).
DEFAULT_PG_USER=postgres
# Bootstrap superuser inside the cluster (trusted on the private socket only).
DB_SUPERUSER=postgres
APP_ROLE=tracking
APP_PASSWORD=tracking
APP_DB=tracking

me="postgres.sh"
say() { printf '%s: %s\n' "$me" "$*" >&2; }
die() { printf '%s: error: %s\n' "$me" "$*" >&2; exit 1; }

usage() {
    sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

# ---------------------------------------------------------------- install ---

source "$(dirname "${BASH_SOURCE[0]}")/lib/packages.sh"

cmd_install() {
    local -a missing=()
    local p
    for p in "${PACKAGES[@]}"; do
        is_installed "$p" || missing+=("$p")
    done
    if [[ ${#missing[@]} -eq 0 ]]; then
        say "already installed: ${PACKAGES[*]}"
        return 0
    fi
    say "installing: ${missing[*]}"
    apt_install "${missing[@]}"
    say "installed: ${missing[*]}"
}

# --------------------------------------------------------------- clusters ---

require_binaries() {
    [[ -x "$PG_BIN/pg_ctl" && -x "$PG_BIN/initdb" ]] ||
        die "PostgreSQL $PG_MAJOR binaries not found in $PG_BIN; run: scripts/postgres.sh install"
}

check_port() {
    if ! [[ "$1" =~ ^[0-9]+$ ]] || (($1 < 1 || $1 > 65535)); then
        die "invalid port: '$1'"
    fi
}

# set_dir DIR: absolute, symlink-free paths of the cluster's parts.
set_dir() {
    [[ -n "$1" ]] || die "missing DIR"
    if [[ -d "$1" ]]; then
        DIR="$(cd "$1" && pwd -P)"
    else
        DIR="$(realpath -m -- "$1")"
    fi
    DATA="$DIR/data"
    RUN="$DIR/run"
    LOG_DIR="$DIR/log"
    LOG="$LOG_DIR/postgresql.log"
}

have_cluster() { [[ -f "$DATA/PG_VERSION" ]]; }

# The OS user that runs the server. As root: the owner of an existing cluster,
# else the postgres system user. As non-root: ourselves (no way to switch).
set_pg_user() {
    if [[ $EUID -ne 0 ]]; then
        PG_USER="$(id -un)"
    elif have_cluster; then
        PG_USER="$(stat -c %U "$DATA")"
        [[ "$PG_USER" != root ]] || die "$DATA is owned by root; PostgreSQL cannot run as root"
    else
        PG_USER="$DEFAULT_PG_USER"
        id -u "$PG_USER" >/dev/null 2>&1 ||
            die "system user '$PG_USER' does not exist; run: scripts/postgres.sh install"
    fi
}

# as_pg CMD...: run CMD as the cluster's OS user. cd / first: the caller's
# working directory may not be readable by that user (initdb/pg_ctl complain).
as_pg() {
    if [[ $EUID -eq 0 ]]; then
        (cd / && runuser -u "$PG_USER" -- "$@")
    else
        (cd / && "$@")
    fi
}

# The server user must be able to traverse every ancestor of the data
# directory (e.g. a checkout under /root, mode 700). Add only the o+x bit,
# top-down, and only where it is really missing.
ensure_traversable() {
    [[ $EUID -eq 0 ]] || return 0
    local path="" part
    local -a parts
    IFS=/ read -r -a parts <<<"${DIR#/}"
    for part in "${parts[@]}"; do
        [[ -n "$part" ]] || continue
        path="$path/$part"
        [[ -d "$path" ]] || break
        if ! runuser -u "$PG_USER" -- test -x "$path"; then
            say "adding o+x (search only) to $path so that user '$PG_USER' can reach $DATA"
            chmod o+x "$path"
        fi
    done
}

# Socket path = RUN/.s.PGSQL.PORT must fit in sun_path (108 bytes with NUL).
check_socket_path() {
    local sock="$RUN/.s.PGSQL.$1"
    ((${#sock} <= 107)) ||
        die "unix socket path too long (${#sock} > 107 bytes): $sock; use a shorter DIR"
}

is_running() {
    have_cluster && as_pg "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

# Port the server actually listens on (line 4 of postmaster.pid).
running_port() { sed -n 4p "$DATA/postmaster.pid"; }

# Port configured in postgresql.conf (the last assignment wins).
configured_port() {
    sed -nE "s/^[[:space:]]*port[[:space:]]*=[[:space:]]*([0-9]+).*/\1/p" "$DATA/postgresql.conf" | tail -n 1
}

start_cluster() {
    if is_running; then
        say "already running: $DIR (port $(running_port))"
        return 0
    fi
    ensure_traversable
    say "starting $DIR"
    # -w waits until the server accepts connections (or fails).
    if ! as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null; then
        say "failed to start; last lines of $LOG:"
        tail -n 20 "$LOG" >&2 || true
        exit 1
    fi
    say "running: $DIR (port $(running_port))"
}

# psql as the bootstrap superuser over the private socket (trust auth).
psql_su() {
    local db="$1"
    shift
    as_pg "$PG_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 \
        -h "$RUN" -p "$(running_port)" -U "$DB_SUPERUSER" -d "$db" "$@"
}

# Create what is missing, never alter what exists (keeps re-runs no-ops).
ensure_objects() {
    if [[ -z "$(psql_su postgres -c "SELECT 1 FROM pg_roles WHERE rolname = '$APP_ROLE'")" ]]; then
        say "creating role $APP_ROLE"
        # SUPERUSER: local dev/test cluster; tests create databases and extensions.
        psql_su postgres -c "CREATE ROLE $APP_ROLE LOGIN SUPERUSER PASSWORD '$APP_PASSWORD'"
    fi
    if [[ -z "$(psql_su postgres -c "SELECT 1 FROM pg_database WHERE datname = '$APP_DB'")" ]]; then
        say "creating database $APP_DB"
        psql_su postgres -c "CREATE DATABASE $APP_DB OWNER $APP_ROLE"
    fi
    if [[ -z "$(psql_su "$APP_DB" -c "SELECT 1 FROM pg_extension WHERE extname = 'postgis'")" ]]; then
        say "creating extension postgis in $APP_DB"
        psql_su "$APP_DB" -c "CREATE EXTENSION IF NOT EXISTS postgis"
    fi
}

write_config() {
    local port="$1" run_q="${RUN//\'/\'\'}"
    cat >>"$DATA/postgresql.conf" <<EOF

# ---- Added by scripts/postgres.sh: private dev/test cluster ----
# TCP on loopback only; the socket lives in the cluster's own directory so it
# never collides with a system cluster in /var/run/postgresql.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$run_q'
# Small dev machine, many short-lived test connections.
max_connections = 200
shared_buffers = 256MB
work_mem = 16MB
maintenance_work_mem = 128MB
effective_cache_size = 1GB
max_wal_size = 1GB
# Durability stays on: the project tests crash/outage behaviour.
fsync = on
synchronous_commit = on
full_page_writes = on
# Deterministic timestamps in logs and sessions.
timezone = 'UTC'
log_timezone = 'UTC'
log_line_prefix = '%m [%p] %q%u@%d '
EOF
    # Replace the generated pg_hba.conf: nothing but these two entry points.
    cat >"$DATA/pg_hba.conf" <<EOF
# Added by scripts/postgres.sh. TYPE DATABASE USER ADDRESS METHOD
# Bootstrap superuser over the private socket (dir mode 700): used by the script.
local   all   $DB_SUPERUSER                    trust
local   all   all                         scram-sha-256
# Applications and tests: password over loopback TCP.
host    all   all         127.0.0.1/32    scram-sha-256
EOF
}

create_cluster() {
    local port="$1"
    if [[ -d "$DATA" ]] && [[ -n "$(ls -A "$DATA")" ]]; then
        die "$DATA exists, is not empty and holds no PostgreSQL cluster; remove it or use another DIR"
    fi
    say "creating PostgreSQL $PG_MAJOR cluster in $DIR (port $port, user $PG_USER)"
    mkdir -p "$DATA" "$RUN" "$LOG_DIR"
    if [[ $EUID -eq 0 ]]; then
        chown "$PG_USER:" "$DATA" "$RUN" "$LOG_DIR"
    fi
    # PostgreSQL requires a private data dir; the socket dir is private too
    # because the bootstrap superuser is trusted there.
    chmod 700 "$DATA" "$RUN"
    chmod 755 "$LOG_DIR"
    ensure_traversable
    # C locale + UTF8: fast, and identical on every machine.
    if ! as_pg "$PG_BIN/initdb" -D "$DATA" -U "$DB_SUPERUSER" --encoding=UTF8 --no-locale \
        --auth-local=trust --auth-host=scram-sha-256 --no-instructions \
        >"$LOG_DIR/initdb.log" 2>&1; then
        cat "$LOG_DIR/initdb.log" >&2
        die "initdb failed"
    fi
    # Appending/truncating existing files keeps their owner (the server user).
    write_config "$port"
}

cmd_init() {
    [[ $# -eq 2 ]] || usage
    local port="$2"
    check_port "$port"
    require_binaries
    [[ -f "$POSTGIS_CONTROL" ]] || die "PostGIS for PostgreSQL $PG_MAJOR is not installed; run: scripts/postgres.sh install"
    mkdir -p "$1"
    set_dir "$1"
    set_pg_user
    if have_cluster; then
        local version conf_port
        version="$(cat "$DATA/PG_VERSION")"
        [[ "$version" == "$PG_MAJOR" ]] || die "$DATA holds a PostgreSQL $version cluster, expected $PG_MAJOR"
        conf_port="$(configured_port)"
        [[ "$conf_port" == "$port" ]] ||
            die "$DIR already holds a cluster configured for port ${conf_port:-(none: interrupted init?)}, not $port; use that port, or stop it and delete $DIR for a fresh cluster"
        say "cluster already exists in $DIR"
    else
        check_socket_path "$port"
        create_cluster "$port"
    fi
    start_cluster
    ensure_objects
    say "ready: $(cmd_url "$port")"
}

# Commands on an existing cluster: DIR must hold one.
open_cluster() {
    [[ $# -eq 1 ]] || usage
    require_binaries
    set_dir "$1"
    have_cluster || die "no PostgreSQL cluster in $DIR (run: scripts/postgres.sh init DIR PORT)"
    set_pg_user
}

cmd_start() {
    open_cluster "$@"
    start_cluster
}

cmd_stop() {
    [[ $# -eq 1 ]] || usage
    require_binaries
    set_dir "$1"
    if ! have_cluster; then
        say "no cluster in $DIR: nothing to stop"
        return 0
    fi
    set_pg_user
    if ! is_running; then
        say "already stopped: $DIR"
        return 0
    fi
    say "stopping $DIR"
    # fast: roll back open transactions and disconnect clients, then a clean
    # shutdown checkpoint; -w waits until the server is gone.
    as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null
    say "stopped: $DIR"
}

cmd_status() {
    open_cluster "$@"
    if is_running; then
        echo "running: $DIR (port $(running_port))"
    else
        echo "stopped: $DIR"
        return 3
    fi
}

cmd_url() {
    [[ $# -eq 1 ]] || usage
    check_port "$1"
    echo "Host=127.0.0.1;Port=$1;Username=$APP_ROLE;Password=$APP_PASSWORD;Database=$APP_DB"
}

main() {
    [[ $# -ge 1 ]] || usage
    local cmd="$1"
    shift
    case "$cmd" in
    install) [[ $# -eq 0 ]] || usage; cmd_install ;;
    init) cmd_init "$@" ;;
    start) cmd_start "$@" ;;
    stop) cmd_stop "$@" ;;
    status) cmd_status "$@" ;;
    url) cmd_url "$@" ;;
    -h | --help | help) usage ;;
    *) say "unknown command: $cmd"; usage ;;
    esac
}

main "$@"
