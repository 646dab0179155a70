#!/usr/bin/env bash
# Node.js and npm, which the server's build needs to bundle the live map page (web/: `npm ci` from the lockfile,
# then esbuild). Any Node.js 18 or later will do: Debian 12's own, or one installed otherwise.
#
#   scripts/node.sh install    install nodejs + npm (apt) when `node` or `npm` is missing
set -euo pipefail

PACKAGES=(nodejs npm)
MIN_MAJOR=18

me="node.sh"
say() { printf '%s: %s\n' "$me" "$*" >&2; }
die() { printf '%s: error: %s\n' "$me" "$*" >&2; exit 1; }

usage() {
    sed -n '5p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

source "$(dirname "${BASH_SOURCE[0]}")/lib/packages.sh"

check_version() {
    local version major
    version="$(node --version)"
    major="${version#v}"
    major="${major%%.*}"
    [[ "$major" =~ ^[0-9]+$ && "$major" -ge $MIN_MAJOR ]] ||
        die "node $version is too old: the bundler needs Node.js $MIN_MAJOR or later"
    echo "$version"
}

cmd_install() {
    # By command, not by package: a Node.js from elsewhere (NodeSource's nodejs bundles npm) is as good, and
    # Debian's npm package would conflict with it.
    if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
        say "already installed: node $(check_version), npm $(npm --version)"
        return 0
    fi
    local -a missing=()
    local p
    for p in "${PACKAGES[@]}"; do
        is_installed "$p" || missing+=("$p")
    done
    [[ ${#missing[@]} -gt 0 ]] || die "nodejs and npm are installed but 'node' or 'npm' is not on PATH"
    say "installing: ${missing[*]}"
    apt_install "${missing[@]}"
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        die "installed ${missing[*]}, but 'node' or 'npm' is still not on PATH"
    fi
    say "installed: node $(check_version), npm $(npm --version)"
}

main() {
    [[ $# -eq 1 ]] || usage
    case "$1" in
    install) cmd_install ;;
    *) usage ;;
    esac
}

main "$@"
