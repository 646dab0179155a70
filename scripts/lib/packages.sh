# Installing Debian packages, shared by the provisioning scripts (sourced, not run).
# The sourcing script defines say() and die() first.

# Commands needing root go through sudo when we are not root.
AS_ROOT=()
need_root() {
    if [[ $EUID -ne 0 ]]; then
        command -v sudo >/dev/null 2>&1 || die "not root and sudo is unavailable; as root $1"
        AS_ROOT=(sudo)
    fi
}

is_installed() {
    [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

# apt_install PKG...: runs `apt-get update` only when the install failed
# because the package lists are missing or stale (fresh CI images often ship
# without lists).
apt_install() {
    need_root "run: apt-get install --no-install-recommends $*"
    local -a apt=("${AS_ROOT[@]}" env DEBIAN_FRONTEND=noninteractive apt-get)
    local out rc=0
    out="$(mktemp)"
    "${apt[@]}" install -y --no-install-recommends "$@" 2>&1 | tee "$out" >&2 || rc=$?
    if [[ $rc -ne 0 ]] &&
        grep -Eq 'Unable to locate package|has no installation candidate|Failed to fetch|404 +Not Found' "$out"; then
        say "package lists missing or stale: running apt-get update and retrying"
        rc=0
        "${apt[@]}" update >&2 && "${apt[@]}" install -y --no-install-recommends "$@" >&2 || rc=$?
    fi
    rm -f "$out"
    [[ $rc -eq 0 ]] || die "apt-get install $* failed (exit $rc)"
}
