#!/usr/bin/env bash
# Private Redis instances for benchmarks and tests.
#
#   scripts/redis.sh install           install redis-server (apt) if missing
#   scripts/redis.sh start DIR PORT    start an instance on 127.0.0.1:PORT whose files live in DIR
#                                      (no persistence: no RDB snapshots, no AOF); no-op if running
#   scripts/redis.sh stop DIR          stop it without saving (no-op if stopped)
#   scripts/redis.sh status DIR        exit 0 if running
#
# Layout of DIR: redis.pid, redis.log, port (the port it was started on).
# Messages go to stderr so that stdout stays clean for `status`.
set -euo pipefail

PACKAGES=(redis-server redis-tools)
# Where the Debian package's own daemon writes its pid when its postinst starts it.
PACKAGE_PIDFILE=/run/redis/redis-server.pid

me="redis.sh"
say() { printf '%s: %s\n' "$me" "$*" >&2; }
die() { printf '%s: error: %s\n' "$me" "$*" >&2; exit 1; }

usage() {
    sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

source "$(dirname "${BASH_SOURCE[0]}")/lib/packages.sh"

# The package's postinst may start a system-wide daemon on 6379: we only use
# private instances, so stop the one the install just started.
stop_package_daemon() {
    if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null 2>&1; then
        "${AS_ROOT[@]}" systemctl disable --now redis-server.service >/dev/null 2>&1 || true
    fi
    [[ -f "$PACKAGE_PIDFILE" ]] || return 0
    local pid
    pid="$(cat "$PACKAGE_PIDFILE" 2>/dev/null || true)"
    [[ "$pid" =~ ^[0-9]+$ ]] && [[ -d "/proc/$pid" ]] || return 0
    say "stopping the package's redis-server daemon (pid $pid)"
    "${AS_ROOT[@]}" kill -TERM "$pid" 2>/dev/null || true
}

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
    stop_package_daemon
    say "installed: ${missing[*]}"
}

check_port() {
    if ! [[ "$1" =~ ^[0-9]+$ ]] || (($1 < 1 || $1 > 65535)); then
        die "invalid port: '$1'"
    fi
}

require_binaries() {
    command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1 ||
        die "redis-server/redis-cli not found; run: scripts/redis.sh install"
}

# set_dir DIR: absolute paths of the instance's files.
set_dir() {
    [[ -n "$1" ]] || die "missing DIR"
    mkdir -p "$1"
    DIR="$(cd "$1" && pwd -P)"
    PIDFILE="$DIR/redis.pid"
    LOG="$DIR/redis.log"
    PORTFILE="$DIR/port"
}

running_pid() {
    [[ -f "$PIDFILE" ]] || return 1
    local pid
    pid="$(cat "$PIDFILE" 2>/dev/null || true)"
    [[ "$pid" =~ ^[0-9]+$ ]] && [[ -d "/proc/$pid" ]] || return 1
    [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == redis-server ]] || return 1
    echo "$pid"
}

cmd_start() {
    [[ $# -eq 2 ]] || usage
    check_port "$2"
    require_binaries
    set_dir "$1"
    local port="$2" pid
    if pid="$(running_pid)"; then
        say "already running: $DIR (pid $pid, port $(cat "$PORTFILE"))"
        return 0
    fi
    echo "$port" >"$PORTFILE"
    # Loopback only, no protected-mode surprises, nothing written to disk but the log.
    redis-server --bind 127.0.0.1 --port "$port" --dir "$DIR" \
        --save "" --appendonly no \
        --daemonize yes --pidfile "$PIDFILE" --logfile "$LOG" \
        --databases 1 >/dev/null
    local _
    for _ in $(seq 1 100); do
        if [[ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null || true)" == PONG ]]; then
            say "running: $DIR (pid $(running_pid || echo '?'), port $port)"
            return 0
        fi
        sleep 0.1
    done
    say "did not answer on port $port within 10 s; last lines of $LOG:"
    tail -n 20 "$LOG" >&2 || true
    exit 1
}

cmd_stop() {
    [[ $# -eq 1 ]] || usage
    set_dir "$1"
    local pid
    if ! pid="$(running_pid)"; then
        say "already stopped: $DIR"
        return 0
    fi
    say "stopping $DIR (pid $pid)"
    redis-cli -h 127.0.0.1 -p "$(cat "$PORTFILE")" shutdown nosave >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
    local _
    for _ in $(seq 1 100); do
        [[ -d "/proc/$pid" ]] || { say "stopped: $DIR"; return 0; }
        sleep 0.1
    done
    say "still running after 10 s: sending SIGKILL to $pid"
    kill -KILL "$pid" 2>/dev/null || true
}

cmd_status() {
    [[ $# -eq 1 ]] || usage
    set_dir "$1"
    local pid
    if pid="$(running_pid)"; then
        echo "running: $DIR (pid $pid, port $(cat "$PORTFILE"))"
    else
        echo "stopped: $DIR"
        return 3
    fi
}

main() {
    [[ $# -ge 1 ]] || usage
    local cmd="$1"
    shift
    case "$cmd" in
    install) [[ $# -eq 0 ]] || usage; cmd_install ;;
    start) cmd_start "$@" ;;
    stop) cmd_stop "$@" ;;
    status) cmd_status "$@" ;;
    -h | --help | help) usage ;;
    *) say "unknown command: $cmd"; usage ;;
    esac
}

main "$@"
