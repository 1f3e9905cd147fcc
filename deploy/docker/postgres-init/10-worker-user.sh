#!/bin/sh
# Run once by the postgres image on a fresh volume (docker-entrypoint-initdb.d): the login user the
# workers connect as, in the gridsearch_worker role. The API's WorkerRole migration, at its first start,
# grants that role exactly what the queue needs (and tolerates the role existing already).
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v password="${GRIDSEARCH_WORKER_PASSWORD:-change-me}" <<'SQL'
CREATE ROLE gridsearch_worker NOLOGIN;
SELECT format('CREATE ROLE gridsearch_worker_login LOGIN PASSWORD %L IN ROLE gridsearch_worker', :'password') \gexec
SQL
