#!/usr/bin/env bash
# Live demo: PostgreSQL + Tracking server (embedded MQTT broker on 1883, web on
# 5080) + the simulator's demo mode: 50 vehicles and 20 foot units on the
# Leicester map, reporting in every device protocol, with incidents dispatched
# through the server. Ctrl-C stops the server and the simulator; PostgreSQL
# (.data/pg, port 55432) keeps running for the next time.
# shellcheck disable=SC2317  # cleanup functions are reached through traps
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
cd "$ROOT"
SCRIPTS="$ROOT/scripts"
PG_DIR="$ROOT/.data/pg"
PG_PORT=55432
HTTP_PORT=5080
MQTT_PORT=1883
OSMAND_PORT=5055
READY_URL="http://127.0.0.1:$HTTP_PORT/health/ready"
READY_TIMEOUT=60
LOG_DIR="$ROOT/.data/demo"
SERVER_LOG="$LOG_DIR/server.log"
SIM_LOG="$LOG_DIR/simulator.log"

say() { printf 'demo.sh: %s\n' "$*" >&2; }
die() { printf 'demo.sh: error: %s\n' "$*" >&2; exit 1; }

command -v dotnet >/dev/null 2>&1 || die "'dotnet' is not on PATH; the .NET 10 SDK is needed (https://dot.net)"
command -v curl >/dev/null 2>&1 || die "'curl' is needed (apt-get install curl)"

# A port already in use would make the server fail, or worse, make another
# process answer our readiness probe.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_in_use "$HTTP_PORT" && die "port $HTTP_PORT is already in use (another demo running?)"
port_in_use "$MQTT_PORT" &&
    die "port $MQTT_PORT is already in use (a system mosquitto? stop it first: the server's embedded broker needs it)"
port_in_use "$OSMAND_PORT" && die "port $OSMAND_PORT is already in use (the server's OsmAnd / Traccar Client listener needs it)"

"$SCRIPTS/postgres.sh" install
# The build bundles the live map page with npm.
"$SCRIPTS/node.sh" install
"$SCRIPTS/postgres.sh" init "$PG_DIR" "$PG_PORT"
DB_URL="$("$SCRIPTS/postgres.sh" url "$PG_PORT")"

SOLUTION=Tracking.sln

say "building ($SOLUTION, Release)..."
dotnet build "$SOLUTION" -c Release --nologo -v quiet || die "build failed (see the errors above)"

mkdir -p "$LOG_DIR"
SERVER_PID=""
SIM_PID=""

# group_alive PGID: does the group still have a live (non-zombie) process?
# Read from /proc: `kill -0` also succeeds for unreaped zombies.
group_alive() {
    local f line state pgrp
    for f in /proc/[0-9]*/stat; do
        read -r line 2>/dev/null <"$f" || continue
        # Fields after "pid (comm) ": state ppid pgrp ...
        read -r state _ pgrp _ <<<"${line##*) }"
        [[ "$pgrp" == "$1" && "$state" != Z ]] && return 0
    done
    return 1
}

# Each child runs under setsid in its own process group, so the whole tree
# (`dotnet run` plus the app it spawns) can be stopped with one signal, and
# Ctrl-C reaches only this script, which then stops things in order.
stop_group() {
    local pid="$1" name="$2"
    if [[ -z "$pid" ]] || ! group_alive "$pid"; then
        return 0
    fi
    say "stopping $name..."
    kill -TERM -- "-$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
        group_alive "$pid" || return 0
        sleep 0.1
    done
    say "$name did not stop within 10 s: killing it"
    kill -KILL -- "-$pid" 2>/dev/null || true
}

cleanup() {
    trap - EXIT INT TERM
    stop_group "$SIM_PID" simulator
    stop_group "$SERVER_PID" server
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "starting the server (log: $SERVER_LOG)"
ConnectionStrings__Tracking="$DB_URL" Tracking__DemoMode=true Tracking__Journal__Directory="$ROOT/.data/journal" \
    Tracking__Patrol__MapDirectory="$ROOT/maps/leicester" \
    setsid dotnet run --project src/Tracking.Server -c Release --no-build -- \
    --urls "http://0.0.0.0:$HTTP_PORT" >"$SERVER_LOG" 2>&1 </dev/null &
SERVER_PID=$!

say "waiting for $READY_URL (up to $READY_TIMEOUT s)..."
deadline=$((SECONDS + READY_TIMEOUT))
until curl -fsS -o /dev/null --max-time 2 "$READY_URL" 2>/dev/null; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        say "the server exited during startup; last lines of $SERVER_LOG:"
        tail -n 40 "$SERVER_LOG" >&2 || true
        exit 1
    fi
    if ((SECONDS >= deadline)); then
        say "the server was not ready after $READY_TIMEOUT s; last lines of $SERVER_LOG:"
        tail -n 40 "$SERVER_LOG" >&2 || true
        exit 1
    fi
    sleep 1
done

say "starting the simulator: 50 vehicles and 20 foot units, incidents dispatched through the server (log: $SIM_LOG)"
setsid dotnet run --project simulators/Tracking.Simulator -c Release --no-build -- demo \
    --host 127.0.0.1 --port "$MQTT_PORT" --api "http://127.0.0.1:$HTTP_PORT" --osmand "http://127.0.0.1:$OSMAND_PORT" \
    --vehicles 50 --foot 20 >"$SIM_LOG" 2>&1 </dev/null &
SIM_PID=$!

echo
echo "Tracking is running (demo mode: unknown devices register themselves). Stop with Ctrl-C."
echo "  live map:        http://localhost:$HTTP_PORT/"
echo "  live positions:  http://localhost:$HTTP_PORT/api/live"
echo "  ingestion stats: http://localhost:$HTTP_PORT/api/ingest/stats"
echo "  a vehicle track: http://localhost:$HTTP_PORT/api/devices/veh-LR10/track"
echo "  beats and priority locations: http://localhost:$HTTP_PORT/api/locations"
echo "  open visits:     http://localhost:$HTTP_PORT/api/visits/open"
echo "  open incidents:  http://localhost:$HTTP_PORT/api/incidents (who was sent, who arrived, response times)"
echo "  units:           http://localhost:$HTTP_PORT/api/units/status"
echo "  alarms:          http://localhost:$HTTP_PORT/api/alarms"
echo "  API description: http://localhost:$HTTP_PORT/openapi/v1.json"
echo "  MQTT broker:     localhost:$MQTT_PORT (publish to tracking/{deviceId}/fix, /lip, /nmea, or owntracks/{user}/{device})"
echo "  Traccar Client:  server URL http://<this machine>:$OSMAND_PORT"
echo "  incidents and dispatches as they happen: tail -f $SIM_LOG"
echo "(logs: $SERVER_LOG, $SIM_LOG)"
echo

# Stay in the foreground until Ctrl-C or until the server dies.
rc=0
wait "$SERVER_PID" || rc=$?
say "the server exited (status $rc); last lines of $SERVER_LOG:"
tail -n 20 "$SERVER_LOG" >&2 || true
exit "$rc"
