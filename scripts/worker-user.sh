#!/usr/bin/env bash
# Creates (or re-passwords) a login user in the gridsearch_worker role, which the WorkerRole migration
# made (run `make migrate` or start the API first), and prints the connection string workers use.
#   WORKER_USER (default gridsearch_worker_login), WORKER_PASSWORD (default: a random one, printed)
# Connects as the cluster's admin user: PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE (defaults:
# the local cluster of scripts/pg.sh).
set -euo pipefail
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-${GRIDSEARCH_PGPORT:-55432}} PGUSER=${PGUSER:-gridsearch}
export PGPASSWORD=${PGPASSWORD:-gridsearch} PGDATABASE=${PGDATABASE:-gridsearch}
user=${WORKER_USER:-gridsearch_worker_login}
password=${WORKER_PASSWORD:-$(head -c 24 /dev/urandom | base64 | tr -d '/+=' | cut -c1-24)}
psql=$(command -v psql || ls /usr/lib/postgresql/*/bin/psql | sort -V | tail -n 1)

# psql quotes the variables (:'name' a literal, %I/%L in format); nothing is pasted into SQL text.
"$psql" -v ON_ERROR_STOP=1 -q -v user="$user" -v password="$password" <<'SQL'
SET client_min_messages = warning;
SELECT format(CASE WHEN EXISTS (SELECT FROM pg_roles WHERE rolname = :'user')
                   THEN 'ALTER ROLE %I LOGIN PASSWORD %L' ELSE 'CREATE ROLE %I LOGIN PASSWORD %L' END,
              :'user', :'password') \gexec
SELECT format('GRANT gridsearch_worker TO %I', :'user') \gexec
SQL
echo "Host=$PGHOST;Port=$PGPORT;Username=$user;Password=$password;Database=$PGDATABASE"
