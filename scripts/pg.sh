#!/usr/bin/env bash
# Starts (or stops) a local PostgreSQL cluster for development and tests: data in .pgdata/,
# listening on 127.0.0.1 only. Prints the connection string on start.
#   scripts/pg.sh start|stop|status|url
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${GRIDSEARCH_PGDATA:-$root/.pgdata}
port=${GRIDSEARCH_PGPORT:-55432}
url="Host=127.0.0.1;Port=$port;Username=gridsearch;Password=gridsearch;Database=gridsearch"

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ]; then
  echo "PostgreSQL is not installed; installing Debian's postgresql" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

# PostgreSQL refuses to run as root: run the server as the postgres OS user then (from /, which
# that user can always enter).
as_owner() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# As root the server runs as the postgres user, who may not be able to enter the checkout (a clone
# under /root, say): then keep the cluster in a folder of its own, one per checkout.
if [ -z "${GRIDSEARCH_PGDATA:-}" ] && [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1 \
   && ! runuser -u postgres -- test -x "$root" 2>/dev/null; then
  data=/var/tmp/gridsearch-pgdata-$(printf '%s' "$root" | sha256sum | cut -c1-12)
fi

running() { as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; }

case "${1:-start}" in
  start)
    if [ ! -s "$data/PG_VERSION" ]; then
      mkdir -p "$data"
      [ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
      chmod 700 "$data"
      pwfile=$(mktemp); echo gridsearch > "$pwfile"; chmod 644 "$pwfile"
      as_owner "$bindir/initdb" -D "$data" -U gridsearch --pwfile="$pwfile" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
      rm -f "$pwfile"
      # A local development and test cluster: durability is traded for speed (fsync off).
      cat >> "$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$data'
max_connections = 300
shared_buffers = 256MB
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
    fi
    if ! running; then
      as_owner "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start >/dev/null
    fi
    export PGPASSWORD=gridsearch
    if ! "$bindir/psql" -h 127.0.0.1 -p "$port" -U gridsearch -d postgres -tAc "select 1 from pg_database where datname='gridsearch'" | grep -q 1; then
      "$bindir/psql" -h 127.0.0.1 -p "$port" -U gridsearch -d postgres -qc "create database gridsearch" >/dev/null
    fi
    echo "$url"
    ;;
  stop)
    if running; then as_owner "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null; fi
    ;;
  status)
    running && echo running || echo stopped
    ;;
  url)
    echo "$url"
    ;;
  *)
    echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
