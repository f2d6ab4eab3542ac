#!/usr/bin/env bash
# A private, throw-away PostgreSQL for the tests (CI and developers alike):
#   eval "$(scripts/test-postgres.sh start DIR [PORT])"   initdb into DIR, start on PORT (default: a free one),
#                                                          print `export TEST_DATABASE_URL=...`
#   scripts/test-postgres.sh stop DIR                      stop it (DIR is left for the caller to remove)
#   scripts/test-postgres.sh resume DIR                    start it again on its port (the two-host test's outage)
# Under root (CI), the server runs as the `postgres` user Debian's package creates: initdb refuses root.
# Only 127.0.0.1 and a unix socket inside DIR are listened on; logins are trusted (nothing else can reach it).
set -euo pipefail

find_bin() {
  local b
  b="$(command -v "$1" 2>/dev/null || true)"
  if [ -z "$b" ]; then b="$(ls -d /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -1 || true)"; fi
  if [ -z "$b" ]; then
    echo "test-postgres: no $1 found; install PostgreSQL (apt-get install -y --no-install-recommends postgresql)." >&2
    exit 1
  fi
  echo "$b"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_server() {
  as_owner "$pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
}

cmd="${1:-}"
dir="${2:-}"
if [ -z "$cmd" ] || [ -z "$dir" ]; then
  echo "usage: $0 start DIR [PORT] | stop DIR | resume DIR" >&2
  exit 2
fi

case "$cmd" in
  start)
    port="${3:-$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}"
    initdb="$(find_bin initdb)"
    pg_ctl="$(find_bin pg_ctl)"
    mkdir -p "$dir"
    echo "$port" >"$dir/port"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
    as_owner "$initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    start_server
    echo "export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
    echo "export TEST_PG_DATA=$dir/data"
    ;;
  resume)
    port="$(cat "$dir/port")"
    pg_ctl="$(find_bin pg_ctl)"
    start_server
    ;;
  stop)
    pg_ctl="$(find_bin pg_ctl)"
    if [ -f "$dir/data/postmaster.pid" ]; then as_owner "$pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true; fi
    ;;
  *)
    echo "usage: $0 start DIR [PORT] | stop DIR | resume DIR" >&2
    exit 2
    ;;
esac
