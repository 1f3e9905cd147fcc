#!/usr/bin/env bash
# Runs every test project against the local PostgreSQL (started by `make test`) and ends with
# one line, "N passed, N failed", summed over all projects. Exits non-zero when anything failed.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
config=${1:-Release}
cd "$root"
export GRIDSEARCH_DB=${GRIDSEARCH_DB:-$(scripts/pg.sh url)}
export GRIDSEARCH_DATA=${GRIDSEARCH_DATA:-$root/data}
results=$root/artifacts/test-results
rm -rf "$results"; mkdir -p "$results"

status=0
for project in tests/*.Tests/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c "$config" --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
done

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
# docker-compose.yml cannot run here (no Docker engine), but it must at least be a valid file.
echo "== docker-compose config"
if docker-compose -f docker-compose.yml config -q; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi

count=$(ls tests/*.Tests/*.csproj | wc -l)
trxs=$(ls "$results"/*.trx 2>/dev/null | wc -l)
# A project that crashed before writing its results counts as a failure.
if [ "$trxs" -lt "$count" ]; then failed=$((failed + count - trxs)); status=1; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && exit $status || exit 1
