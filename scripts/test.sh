#!/usr/bin/env bash
# Checks that the code keeps the .editorconfig style (dotnet format), runs every test project and ends
# with one line, "N passed, N failed", summed over all projects. Exits non-zero when anything failed.
# The tests get a PostgreSQL cluster of their own (.pgdata-test/, port 55433, fsync off: throwaway
# data), never the one `make db` / `make demo` keep real searches in; it is stopped at the end.
# GRIDSEARCH_TEST_DB points them at another server instead.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
config=${1:-Release}
cd "$root"
if [ -n "${GRIDSEARCH_TEST_DB:-}" ]; then
  export GRIDSEARCH_DB=$GRIDSEARCH_TEST_DB
else
  test_cluster() {
    GRIDSEARCH_PGDATA=${GRIDSEARCH_TEST_PGDATA:-$root/.pgdata-test} GRIDSEARCH_PGPORT=${GRIDSEARCH_TEST_PGPORT:-55433} \
      GRIDSEARCH_PG_DURABLE=0 scripts/pg.sh "$@"
  }
  GRIDSEARCH_DB=$(test_cluster start) || { echo "could not start the test cluster" >&2; exit 1; }
  export GRIDSEARCH_DB
  trap 'test_cluster stop' EXIT
fi
export GRIDSEARCH_DATA=${GRIDSEARCH_DATA:-$root/data}
results=$root/artifacts/test-results
rm -rf "$results" "$root/artifacts/deploy-recovery.txt"; mkdir -p "$results"

status=0
# Whitespace, imports and the style rules, on the build `make test` just made: no restore, no network.
# `make format` applies what it reports.
echo "== dotnet format"
format_ok=1
dotnet format GridSearch.sln --verify-no-changes --no-restore || { format_ok=0; status=1; }

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
# The deploy test's time to recover from each fault.
[ -f artifacts/deploy-recovery.txt ] && { echo "== deploy: time to recover"; cat artifacts/deploy-recovery.txt; }

count=$(ls tests/*.Tests/*.csproj | wc -l)
trxs=$(ls "$results"/*.trx 2>/dev/null | wc -l)
# A project that crashed before writing its results counts as a failure.
if [ "$trxs" -lt "$count" ]; then failed=$((failed + count - trxs)); status=1; fi
[ "$format_ok" -eq 1 ] || echo "dotnet format: files differ from the .editorconfig style (make format fixes them)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && exit $status || exit 1
