#!/usr/bin/env bash
# Runs every benchmark in bench/ against the local PostgreSQL and prints its figures.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
config=${1:-Release}
cd "$root"
export GRIDSEARCH_DB=${GRIDSEARCH_DB:-$(scripts/pg.sh url)}
export GRIDSEARCH_DATA=${GRIDSEARCH_DATA:-$root/data}

echo "== queue: enqueue, claims per second, leaderboard latency"
dotnet run --project bench/QueueBench -c "$config" --no-build
