#!/bin/sh
# Public read paths under load, as the production stack serves them, on PostgreSQL.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_scale_bench benchmarks/load.sh
#
# The database should hold the 100,000-provider demo register (`seed_demo --providers
# 100000`). Starts gunicorn with 2 workers (DEBUG off, the Redis cache in REDIS_URL, default
# redis://127.0.0.1:6379/8), then runs wrk (Debian package `wrk`) with 8 connections on each
# path in turn, over random licence numbers and typo'd names, and prints requests/s, p50, p99
# and each path's share of /healthz's requests/s from the same run. "first views" draws
# from 5,000 licences, so most requests miss any cache; "repeat" ones from 50.
# Environment: DURATION (seconds per path, default 10), CONNECTIONS (8), WORKERS (2), PORT.
set -eu
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to the benchmark database}"
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-8}
WORKERS=${WORKERS:-2}
PORT=${PORT:-8765}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

WORK=$(mktemp -d)
export DEBUG=false SECRET_KEY=load-benchmark-not-secret ALLOWED_HOSTS=127.0.0.1,localhost \
  SECURE_SSL_REDIRECT=false REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/8} \
  API_ANONYMOUS_REQUESTS_PER_MINUTE=100000000 STATIC_ROOT=${STATIC_ROOT:-$WORK/static} \
  DATA_DIR=${DATA_DIR:-$WORK/data} DATABASE_URL
PY=.venv/bin/python
$PY manage.py collectstatic --noinput -v0
$PY benchmarks/load/paths.py "$WORK/paths"

.venv/bin/gunicorn -c config/gunicorn.conf.py config.wsgi --workers "$WORKERS" \
  --bind "127.0.0.1:$PORT" --access-logfile /dev/null --error-logfile "$WORK/gunicorn.log" &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null; wait $GUNICORN 2>/dev/null; rm -rf "$WORK"' EXIT INT TERM
for _ in $(seq 60); do
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done

run() {
  # $1 label, $2 file of paths
  WRK_PATHS="$WORK/paths/$2.txt" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" \
    -s benchmarks/load/paths.lua "http://127.0.0.1:$PORT" | awk -v label="$1" \
    '/^RESULT/ {print label "\t" $2 "\t" $3 "\t" $4 "\t" $5}'
}

# Warm each worker (imports, connection, name index) before measuring.
for file in healthz licence_repeat api_licence_repeat search_page search_api openapi; do
  WRK_PATHS="$WORK/paths/$file.txt" wrk -t1 -c2 -d1s -s benchmarks/load/paths.lua \
    "http://127.0.0.1:$PORT" >/dev/null
done
{
  run "/healthz (the floor)" healthz
  run "/register/<URN>/ first views" licence_first
  run "/register/<URN>/ repeat views" licence_repeat
  run "GET /api/v1/licences/<URN>" api_licence
  run "GET /api/v1/licences/<URN> repeat" api_licence_repeat
  run "/register/?q=<typo>" search_page
  run "GET /api/v1/search?q=<typo>" search_api
  run "/api/v1/openapi.json" openapi
} > "$WORK/results.tsv"

awk -F'\t' -v connections="$CONNECTIONS" -v workers="$WORKERS" '
  BEGIN {
    printf "gunicorn %d workers, wrk %d connections\n", workers, connections
    printf "%-34s %10s %9s %9s %8s %7s\n", "path", "req/s", "p50 ms", "p99 ms", "share", "errors"
  }
  NR == 1 { floor = $2 }
  { printf "%-34s %10.1f %9.1f %9.1f %8.2f %7d\n", $1, $2, $3, $4, $2 / floor, $5 }
' "$WORK/results.tsv"
