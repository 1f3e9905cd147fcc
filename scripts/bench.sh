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

echo "== engine: one training epoch, engine vs a plain libtorch loop (MLP, CNN)"
dotnet run --project bench/EngineBench -c "$config" --no-build -- compare --cnn-samples 10800

echo "== engine: the seed's best MLP on full MNIST"
dotnet run --project bench/EngineBench -c "$config" --no-build -- best

echo "== worker: the seed's MNIST grid through API + worker, 1 slot and 2 slots"
dotnet run --project bench/WorkerBench -c "$config" --no-build
