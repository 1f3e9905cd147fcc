#!/usr/bin/env bash
# Starts (or stops) a local PostgreSQL cluster: data in .pgdata/, listening on 127.0.0.1 only. Prints
# the connection string on start; `dir` prints the folder its data is in (see below for when that is
# not .pgdata/).
#   scripts/pg.sh start|stop|status|url|dir
# GRIDSEARCH_PGDATA and GRIDSEARCH_PGPORT choose another cluster (scripts/test.sh runs its own on
# 55433). GRIDSEARCH_PG_DURABLE=0 starts it with fsync and synchronous_commit off: faster, but a crash
# of the machine can lose or corrupt recent commits, so only for throwaway clusters (tests, benches).
# The default is durable: the cluster people run real searches on survives a power cut.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${GRIDSEARCH_PGDATA:-$root/.pgdata}
port=${GRIDSEARCH_PGPORT:-55432}
durable=${GRIDSEARCH_PG_DURABLE:-1}
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
# under /root, say): then keep the cluster in a folder of its own, one per checkout (and per cluster).
if [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1 && ! runuser -u postgres -- test -x "$(dirname "$data")" 2>/dev/null; then
  if [ -z "${GRIDSEARCH_PGDATA:-}" ]; then
    data=/var/tmp/gridsearch-pgdata-$(printf '%s' "$root" | sha256sum | cut -c1-12)
  else
    data=/var/tmp/gridsearch-pgdata-$(printf '%s' "$data" | sha256sum | cut -c1-12)
  fi
fi

# Given at every start, so they override what an older pg.sh wrote into postgresql.conf (fsync = off).
if [ "$durable" = 0 ]; then
  settings="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
else
  settings="-c fsync=on -c synchronous_commit=on -c full_page_writes=on"
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
      # Durability (fsync, synchronous_commit) is set at each start, below, not here.
      cat >> "$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$data'
max_connections = 300
shared_buffers = 256MB
CONF
    fi
    if ! running; then
      as_owner "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -o "$settings" -w -t 60 start >/dev/null
    fi
    export PGPASSWORD=gridsearch
    # A cluster started before (by an older pg.sh, or with the other setting) keeps what it was started with.
    want=$([ "$durable" = 0 ] && echo off || echo on)
    have=$("$bindir/psql" -h 127.0.0.1 -p "$port" -U gridsearch -d postgres -tAc "show fsync" 2>/dev/null || echo "?")
    if [ "$have" != "$want" ]; then
      echo "note: the running cluster on port $port has fsync=$have; restart it (scripts/pg.sh stop, then start) for fsync=$want" >&2
    fi
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
  dir)
    echo "$data"
    ;;
  *)
    echo "usage: $0 start|stop|status|url|dir" >&2; exit 2 ;;
esac
