#!/usr/bin/env bash
# Headless Chromium for the browser tests of the live map (driven by Microsoft.Playwright, which never downloads
# a browser of its own here: the tests hand it this executable).
#
#   scripts/chromium.sh install    install Debian's chromium (apt) if missing
#   scripts/chromium.sh path       print the browser executable the tests drive
#
# The tests look for the same executable themselves; TRACKING_CHROMIUM overrides it.
set -euo pipefail

PACKAGES=(chromium)
# Debian's real browser binary; /usr/bin/chromium is a shell wrapper around it that reads /etc/chromium.d.
EXECUTABLE=/usr/lib/chromium/chromium

me="chromium.sh"
say() { printf '%s: %s\n' "$me" "$*" >&2; }
die() { printf '%s: error: %s\n' "$me" "$*" >&2; exit 1; }

usage() {
    sed -n '5,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

source "$(dirname "${BASH_SOURCE[0]}")/lib/packages.sh"

executable() {
    if [[ -n "${TRACKING_CHROMIUM:-}" ]]; then
        [[ -x "$TRACKING_CHROMIUM" ]] || die "TRACKING_CHROMIUM=$TRACKING_CHROMIUM is not an executable"
        echo "$TRACKING_CHROMIUM"
    elif [[ -x "$EXECUTABLE" ]]; then
        echo "$EXECUTABLE"
    elif command -v chromium >/dev/null 2>&1; then
        command -v chromium
    else
        return 1
    fi
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
    executable >/dev/null || die "chromium installed, but no browser executable found at $EXECUTABLE"
    say "installed: ${missing[*]}"
}

cmd_path() {
    executable || die "no Chromium found: run scripts/chromium.sh install"
}

main() {
    [[ $# -eq 1 ]] || usage
    case "$1" in
    install) cmd_install ;;
    path) cmd_path ;;
    *) usage ;;
    esac
}

main "$@"
