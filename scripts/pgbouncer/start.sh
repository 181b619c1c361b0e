#!/usr/bin/env bash
# Starts a local PgBouncer in transaction mode in front of the test PostgreSQL, standing in for
# Supabase's transaction pooler (port 6543) in tests. Idempotent: does nothing when something
# already accepts connections on the port.
#   bash scripts/pgbouncer/start.sh            # listens on 127.0.0.1:6432 -> 127.0.0.1:5432
# Settings (environment): CITEBOTS_PGBOUNCER_PORT (6432), CITEBOTS_PGBOUNCER_TARGET_PORT (5432),
# CITEBOTS_PGBOUNCER_DIR (config, log and pid; default $TMPDIR/citebots-pgbouncer).
# Tests reach it through CITEBOTS_TEST_PGBOUNCER_URL (default postgres://postgres@127.0.0.1:6432/<db>).
set -euo pipefail

port="${CITEBOTS_PGBOUNCER_PORT:-6432}"
target_port="${CITEBOTS_PGBOUNCER_TARGET_PORT:-5432}"
dir="${CITEBOTS_PGBOUNCER_DIR:-${TMPDIR:-/tmp}/citebots-pgbouncer}"

accepting() { pg_isready -q -h 127.0.0.1 -p "$port" -U postgres -d pgbouncer; }

if accepting; then
  echo "pgbouncer: already accepting on 127.0.0.1:$port" >&2
  exit 0
fi
if ! command -v pgbouncer >/dev/null; then
  echo "pgbouncer: not installed (Debian/Ubuntu: apt-get update && apt-get install -y pgbouncer)" >&2
  exit 1
fi

mkdir -p "$dir"
cat >"$dir/userlist.txt" <<USERS
"postgres" ""
USERS
cat >"$dir/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=$target_port

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = trust
auth_file = $dir/userlist.txt
pool_mode = transaction
max_client_conn = 2000
default_pool_size = 20
max_db_connections = 0
server_reset_query =
ignore_startup_parameters = extra_float_digits,options
admin_users = postgres
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
INI

# PgBouncer refuses to run as root: drop to the postgres user (or nobody) when we are root.
run_as=()
if [ "$(id -u)" = "0" ]; then
  user="postgres"
  id "$user" >/dev/null 2>&1 || user="nobody"
  chown -R "$user" "$dir"
  run_as=(-u "$user")
fi
rm -f "$dir/pgbouncer.pid"
pgbouncer -d "${run_as[@]}" "$dir/pgbouncer.ini"

for _ in $(seq 1 50); do
  if accepting; then
    echo "pgbouncer: accepting on 127.0.0.1:$port (transaction pooling -> 127.0.0.1:$target_port)" >&2
    exit 0
  fi
  sleep 0.2
done
echo "pgbouncer: did not start; see $dir/pgbouncer.log" >&2
tail -n 20 "$dir/pgbouncer.log" >&2 || true
exit 1
