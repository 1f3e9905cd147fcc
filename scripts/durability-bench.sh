#!/usr/bin/env bash
# What durability costs a search: bench/DurabilityBench on a PostgreSQL cluster of its own
# (.pgdata-bench/, port 55434), first started durable (fsync and synchronous_commit on, as `make db`),
# then restarted with both off (as the test cluster). Stops the cluster at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
config=${1:-Release}
trials=${TRIALS:-2000}
cd "$root"
cluster() {
  GRIDSEARCH_PGDATA=${GRIDSEARCH_BENCH_PGDATA:-$root/.pgdata-bench} GRIDSEARCH_PGPORT=${GRIDSEARCH_BENCH_PGPORT:-55434} scripts/pg.sh "$@"
}
trap 'cluster stop' EXIT
for durable in 1 0; do
  cluster stop
  GRIDSEARCH_DB=$(GRIDSEARCH_PG_DURABLE=$durable cluster start) \
    dotnet "bench/DurabilityBench/bin/$config/net10.0/GridSearch.DurabilityBench.dll" "$trials"
done
