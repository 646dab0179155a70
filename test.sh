#!/usr/bin/env bash
# Run the whole test suite against a private PostgreSQL/PostGIS cluster.
#   ./test.sh                      all tests
#   ./test.sh --filter Category=X  extra arguments go to `dotnet test`
# Installs what is missing (apt), then starts .data/pg on port 55432 (kept
# running afterwards, so re-runs are fast; stop: scripts/postgres.sh stop .data/pg).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
cd "$ROOT"
SCRIPTS="$ROOT/scripts"
PG_DIR="$ROOT/.data/pg"
PG_PORT=55432

# Fail before installing anything if the tests could not run anyway.
if ! command -v dotnet >/dev/null 2>&1; then
    echo "test.sh: error: 'dotnet' is not on PATH; the .NET 10 SDK is needed (https://dot.net)" >&2
    exit 1
fi

"$SCRIPTS/postgres.sh" install
"$SCRIPTS/mosquitto.sh" install
# The build bundles the live map page with npm; its browser tests drive headless Chromium.
"$SCRIPTS/node.sh" install
"$SCRIPTS/chromium.sh" install
# init creates the cluster on first use and otherwise just makes sure it runs.
"$SCRIPTS/postgres.sh" init "$PG_DIR" "$PG_PORT"

# Read by the integration tests: shared database, and the scripts they call
# to create private clusters (database outage tests).
TRACKING_TEST_DB="$("$SCRIPTS/postgres.sh" url "$PG_PORT")"
export TRACKING_TEST_DB
export TRACKING_SCRIPTS="$SCRIPTS"

SOLUTION=Tracking.sln

echo "test.sh: TRACKING_TEST_DB=$TRACKING_TEST_DB" >&2
exec dotnet test "$SOLUTION" "$@"
