#!/usr/bin/env bash
# `make demo`: starts the API and a worker against the local PostgreSQL, submits a real grid search
# (MNIST MLP, depth × width), follows it with live progress, prints the top-10 leaderboard and the
# URLs, and leaves the services running until `make down` (scripts/demo.sh stop).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
config=Release
run=$root/.run
port=${GRIDSEARCH_PORT:-5080}
api_url="http://127.0.0.1:$port"
cd "$root"
mkdir -p "$run"

stop() {
  for name in worker api; do
    if [ -f "$run/$name.pid" ]; then
      pid=$(cat "$run/$name.pid")
      # The worker hands its running trials back to the queue on SIGTERM.
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -KILL "$pid" 2>/dev/null || true
      rm -f "$run/$name.pid"
    fi
  done
}

if [ "${1:-}" = "stop" ]; then stop; echo "API and worker stopped."; exit 0; fi
[ -n "${1:-}" ] && config=$1

# The local cluster `make db` started, unless GRIDSEARCH_DB names another server.
if [ -z "${GRIDSEARCH_DB:-}" ]; then
  database="PostgreSQL on 127.0.0.1:${GRIDSEARCH_PGPORT:-55432}, data in $(scripts/pg.sh dir)"
else
  database="GRIDSEARCH_DB's server"
fi
export GRIDSEARCH_DB=${GRIDSEARCH_DB:-$(scripts/pg.sh url)}
export GRIDSEARCH_DATA=${GRIDSEARCH_DATA:-$root/data}
export GRIDSEARCH_API=$api_url
stop

# setsid: the services outlive this script and the terminal, until `make down`.
setsid dotnet "src/Api/bin/$config/net10.0/GridSearch.Api.dll" --urls "$api_url" > "$run/api.log" 2>&1 < /dev/null &
echo $! > "$run/api.pid"
for _ in $(seq 1 120); do
  curl -fs "$api_url/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "$api_url/health/ready" >/dev/null || { echo "The API did not become ready; see $run/api.log" >&2; exit 1; }

setsid dotnet "src/Worker/bin/$config/net10.0/GridSearch.Worker.dll" --device cpu > "$run/worker.log" 2>&1 < /dev/null &
echo $! > "$run/worker.pid"

cli() { dotnet "src/Cli/bin/$config/net10.0/gridsearch.dll" "$@"; }
# The id submit answers with: a new search, or the earlier one when the demo ran before (nothing is queued twice).
id=$(cli submit examples/demo-mnist-depth-width.json --quiet)
cli status "$id" --watch
echo
cli leaderboard "$id" --top 10
cat <<TEXT

GridSearch is running:
  API         $api_url/api/searches
  Swagger UI  $api_url/swagger
  Dashboard   $api_url/
  Logs        $run/api.log, $run/worker.log
  Database    $database
Stop it with: make down
TEXT
