#!/usr/bin/env bash
# Runs every benchmark in bench/ against the local PostgreSQL and prints its figures.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
config=${1:-Release}
cd "$root"
export GRIDSEARCH_DB=${GRIDSEARCH_DB:-$(scripts/pg.sh url)}
export GRIDSEARCH_DATA=${GRIDSEARCH_DATA:-$root/data}

echo "== queue: enqueue, claims per second (three claim paths, change NOTIFY on and off), leaderboard latency"
dotnet run --project bench/QueueBench -c "$config" --no-build

echo "== queue at scale: 64 and 256 simulated slots, trials of 1 s, 10 s and 60 s: claim latency, database CPU"
dotnet run --project bench/QueueBench -c "$config" --no-build -- --scale

echo "== queue vs Hangfire.PostgreSql 1.21.1: enqueue, claim+complete, rescue after SIGKILL, fencing"
dotnet run --project bench/HangfireBench -c "$config" --no-build

echo "== dashboard event streams: database load of 50 streams, change listener vs 1 s polling"
dotnet run --project bench/FeedBench -c "$config" --no-build

echo "== load: 500 event streams and 100 readers on a search training on 2 slots, a worker joining; connections, latency, refusals"
dotnet run --project bench/LoadBench -c "$config" --no-build -- ${LOAD_BENCH_ARGS:-}

echo "== engine: one training epoch, engine vs a plain libtorch loop (MLP, CNN)"
dotnet run --project bench/EngineBench -c "$config" --no-build -- compare --cnn-samples 10800

echo "== engine: a CNN trial in slot processes keeping freed memory vs glibc's defaults"
dotnet run --project bench/EngineBench -c "$config" --no-build -- allocator

echo "== engine: the seed's best MLP on full MNIST"
dotnet run --project bench/EngineBench -c "$config" --no-build -- best

echo "== worker: the seed's MNIST grid through API + worker, 1 slot and 2 slots"
dotnet run --project bench/WorkerBench -c "$config" --no-build

echo "== the service against a savvy user's PyTorch script: the same 4-trial grid, 2 processes / 2 slots (needs python3-torch)"
dotnet run --project bench/WorkerBench -c "$config" --no-build -- --versus-pytorch 3

echo "== search cost: the seed's depth × width grid four ways (full, random 1/3, median, ASHA): epochs, wall time, best found and its rank"
dotnet run --project bench/SearchCostBench -c "$config" --no-build -- ${SEARCH_COST_BENCH_ARGS:-}

echo "== estimates: the dry run's and the status's estimated wall time against the actual one, five shrunk examples, 2 slots"
dotnet run --project bench/EstimateBench -c "$config" --no-build

echo "== models: bytes per kept model, export and ONNX Runtime predict latency (MLP 600-200, seed CNN)"
dotnet run --project bench/ModelBench -c "$config" --no-build

echo "== sampler: TPE's cost per suggestion (1,000 observations, 8 axes), and trained grids in bench/SamplerBench/data replayed: grid order, random, TPE"
dotnet run --project bench/SamplerBench -c "$config" --no-build
