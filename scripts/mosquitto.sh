#!/usr/bin/env bash
# Mosquitto broker + clients for the integration tests.
#
#   scripts/mosquitto.sh install    install mosquitto + mosquitto-clients (apt) if missing
#
# The tests start their own `mosquitto -c <conf>` processes on private ports.
# Port 1883 belongs to the Tracking server's embedded broker (demo), so the
# package's own daemon must not be left running after we install it.
set -euo pipefail

PACKAGES=(mosquitto mosquitto-clients)
# How the Debian package (init script / systemd unit) runs its daemon.
PACKAGE_CONF=/etc/mosquitto/mosquitto.conf

me="mosquitto.sh"
say() { printf '%s: %s\n' "$me" "$*" >&2; }
die() { printf '%s: error: %s\n' "$me" "$*" >&2; exit 1; }

usage() {
    sed -n '2,4p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

source "$(dirname "${BASH_SOURCE[0]}")/lib/packages.sh"

# PIDs of the package's daemon (`mosquitto -c /etc/mosquitto/mosquitto.conf`),
# found through /proc (procps may be absent). Test brokers use other configs
# and are never matched.
package_daemon_pids() {
    local d comm args
    for d in /proc/[0-9]*; do
        comm="$(cat "$d/comm" 2>/dev/null)" || continue
        [[ "$comm" == mosquitto ]] || continue
        args="$(tr '\0' ' ' <"$d/cmdline" 2>/dev/null)" || continue
        [[ "$args" == *"$PACKAGE_CONF"* ]] && echo "${d#/proc/}"
    done
    return 0
}

# Stop the daemon the package's postinst may have started, so port 1883 is
# free; a no-op when nothing is running (e.g. policy-rc.d blocked the start).
stop_package_daemon() {
    # With systemd also disable the unit, or it comes back on 1883 at boot.
    if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null 2>&1; then
        "${AS_ROOT[@]}" systemctl disable --now mosquitto.service >/dev/null 2>&1 || true
    fi
    local -a pids
    mapfile -t pids < <(package_daemon_pids)
    [[ ${#pids[@]} -gt 0 ]] || return 0
    say "stopping the package's mosquitto daemon (pid ${pids[*]}) to keep port 1883 free"
    "${AS_ROOT[@]}" kill -TERM "${pids[@]}" 2>/dev/null || true
    for _ in $(seq 1 50); do
        mapfile -t pids < <(package_daemon_pids)
        [[ ${#pids[@]} -gt 0 ]] || return 0
        sleep 0.1
    done
    say "still running after 5 s: sending SIGKILL to ${pids[*]}"
    "${AS_ROOT[@]}" kill -KILL "${pids[@]}" 2>/dev/null || true
}

cmd_install() {
    local -a missing=()
    local p
    for p in "${PACKAGES[@]}"; do
        is_installed "$p" || missing+=("$p")
    done
    if [[ ${#missing[@]} -eq 0 ]]; then
        say "already installed: ${PACKAGES[*]}"
        # Not ours to stop (it may be wanted), but it would clash with the demo.
        if [[ -n "$(package_daemon_pids)" ]]; then
            say "warning: the system mosquitto daemon is running (port 1883 is taken, the demo needs it)"
        fi
        return 0
    fi
    say "installing: ${missing[*]}"
    apt_install "${missing[@]}"
    stop_package_daemon
    say "installed: ${missing[*]}"
}

main() {
    [[ $# -eq 1 ]] || usage
    case "$1" in
    install) cmd_install ;;
    *) usage ;;
    esac
}

main "$@"
