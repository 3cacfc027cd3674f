#!/usr/bin/env bash
# stack.sh start|stop|status — the whole local full stack for dev and CI, started and stopped by pid:
#   Redis (Debian redis-server), FerretDB v1.24.2 (MongoDB wire protocol, SQLite backend), and the
#   search node through deploy/elasticsearch/es.sh: Elasticsearch 8.14.3 by default
#   (ES_ENGINE=opensearch for the OpenSearch 2.19 runner).
# Each service gets a free loopback port and a directory under deploy/.stack/ (override STACK_DIR).
# `start` waits until every service answers and writes deploy/.stack/env:
#   export GOVSPIDER_REDIS_URL=… GOVSPIDER_MONGO_URL=… GOVSPIDER_ES_URL=…
# so:  bash deploy/stack.sh start && . deploy/.stack/env
# env: REDIS_PORT / FERRETDB_PORT / ES_PORT (fixed ports instead of free ones), FERRETDB_BIN,
#      ES_ENGINE (elasticsearch|opensearch), ES_HEAP, STACK_NO_ES=1 (skip the search node),
#      STACK_WAIT (seconds per service, default 60)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STACK_DIR="${STACK_DIR:-$HERE/.stack}"
STACK_WAIT="${STACK_WAIT:-60}"
ENV_FILE="$STACK_DIR/env"

die() { echo "stack.sh: $*" >&2; exit 2; }
say() { echo "stack.sh: $*"; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

alive() {  # alive PIDFILE -> prints pid when that process runs
  [[ -f "$1" ]] || return 1
  local pid; pid="$(cat "$1" 2>/dev/null || true)"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

wait_for() {  # wait_for NAME COMMAND...
  local name="$1"; shift
  local deadline=$((SECONDS + STACK_WAIT))
  until "$@" >/dev/null 2>&1; do
    (( SECONDS < deadline )) || die "$name did not answer within ${STACK_WAIT}s (log in $STACK_DIR)"
    sleep 0.2
  done
}

ferretdb_bin() {
  if [[ -n "${FERRETDB_BIN:-}" ]]; then echo "$FERRETDB_BIN"; return; fi
  if command -v go >/dev/null && [[ -x "$(go env GOPATH)/bin/ferretdb" ]]; then echo "$(go env GOPATH)/bin/ferretdb"; return; fi
  command -v ferretdb || true
}

redis_ping() { python3 - "$1" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=2)
s.sendall(b"PING\r\n")
sys.exit(0 if s.recv(16).startswith(b"+PONG") else 1)
PY
}

mongo_ping() { python3 -c "import pymongo,sys; pymongo.MongoClient('mongodb://127.0.0.1:$1/', serverSelectionTimeoutMS=2000).admin.command('ping')"; }

start_redis() {
  local dir="$STACK_DIR/redis" pid port
  mkdir -p "$dir"
  if pid="$(alive "$dir/redis.pid")"; then
    port="$(cat "$dir/port")"; say "redis already running (pid $pid) on 127.0.0.1:$port"
  else
    command -v redis-server >/dev/null || die "redis-server is not installed: run bash deploy/install-services.sh (apt-get install -y redis-server)"
    port="${REDIS_PORT:-$(free_port)}"
    redis-server "$HERE/redis/redis.conf" --port "$port" --bind 127.0.0.1 --daemonize yes \
      --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null
    echo "$port" > "$dir/port"
    wait_for redis redis_ping "$port"
    for _ in $(seq 50); do [[ -s "$dir/redis.pid" ]] && break; sleep 0.1; done
    say "redis started (pid $(cat "$dir/redis.pid")) on 127.0.0.1:$port"
  fi
  REDIS_URL="redis://127.0.0.1:$port/0"
}

start_ferretdb() {
  local dir="$STACK_DIR/ferretdb" pid port bin
  mkdir -p "$dir/data" "$dir/state"
  if pid="$(alive "$dir/ferretdb.pid")"; then
    port="$(cat "$dir/port")"; say "ferretdb already running (pid $pid) on 127.0.0.1:$port"
  else
    bin="$(ferretdb_bin)"
    [[ -n "$bin" && -x "$bin" ]] || die "ferretdb is not built: run bash deploy/install-services.sh (or deploy/ferretdb/build.sh), or set FERRETDB_BIN"
    port="${FERRETDB_PORT:-$(free_port)}"
    setsid nohup "$bin" --handler=sqlite --sqlite-url="file:$dir/data/" --listen-addr="127.0.0.1:$port" \
      --telemetry=disable --state-dir="$dir/state" --debug-addr=- --log-level=warn \
      >"$dir/ferretdb.log" 2>&1 < /dev/null &
    echo $! > "$dir/ferretdb.pid"
    echo "$port" > "$dir/port"
    wait_for ferretdb mongo_ping "$port"
    say "ferretdb started (pid $(cat "$dir/ferretdb.pid")) on 127.0.0.1:$port"
  fi
  MONGO_URL="mongodb://127.0.0.1:$port/govspider"
}

start_es() {
  ES_URL=""
  [[ "${STACK_NO_ES:-}" == 1 ]] && { say "search cluster skipped (STACK_NO_ES=1)"; return; }
  local es="$HERE/elasticsearch/es.sh" port
  [[ -f "$es" ]] || { say "no deploy/elasticsearch/es.sh: search cluster not started"; return; }
  mkdir -p "$STACK_DIR/es"
  if [[ -f "$STACK_DIR/es/port" ]]; then port="$(cat "$STACK_DIR/es/port")"; else port="${ES_PORT:-$(free_port)}"; fi
  ES_PORT="$port" ES_BASE="$STACK_DIR/es" bash "$es" start
  echo "$port" > "$STACK_DIR/es/port"
  ES_URL="http://127.0.0.1:$port"
}

write_env() {
  {
    echo "# written by deploy/stack.sh start — source it: . deploy/.stack/env"
    echo "export GOVSPIDER_REDIS_URL=$REDIS_URL"
    echo "export GOVSPIDER_MONGO_URL=$MONGO_URL"
    [[ -n "$ES_URL" ]] && echo "export GOVSPIDER_ES_URL=$ES_URL"
  } > "$ENV_FILE.tmp"
  mv "$ENV_FILE.tmp" "$ENV_FILE"
  say "wrote $ENV_FILE"
  cat "$ENV_FILE" | grep export
}

stop_pidfile() {  # stop_pidfile NAME PIDFILE
  local pid
  if pid="$(alive "$2")"; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    say "$1 stopped (pid $pid)"
  else
    say "$1 not running"
  fi
  rm -f "$2"
}

case "${1:-}" in
  start)
    mkdir -p "$STACK_DIR"
    echo "*" > "$STACK_DIR/.gitignore"
    start_redis
    start_ferretdb
    start_es
    write_env
    ;;
  stop)
    stop_pidfile redis "$STACK_DIR/redis/redis.pid"
    stop_pidfile ferretdb "$STACK_DIR/ferretdb/ferretdb.pid"
    if [[ -f "$HERE/elasticsearch/es.sh" && -d "$STACK_DIR/es" && "${STACK_NO_ES:-}" != 1 ]]; then
      ES_PORT="$(cat "$STACK_DIR/es/port" 2>/dev/null || echo 9250)" ES_BASE="$STACK_DIR/es" bash "$HERE/elasticsearch/es.sh" stop || true
      rm -f "$STACK_DIR/es/port"
    fi
    rm -f "$ENV_FILE"
    ;;
  status)
    rc=0
    for svc in redis ferretdb; do
      if pid="$(alive "$STACK_DIR/$svc/$svc.pid")"; then say "$svc running (pid $pid) on 127.0.0.1:$(cat "$STACK_DIR/$svc/port")"
      else say "$svc not running"; rc=3; fi
    done
    if [[ -f "$HERE/elasticsearch/es.sh" && -f "$STACK_DIR/es/port" ]]; then
      ES_PORT="$(cat "$STACK_DIR/es/port")" ES_BASE="$STACK_DIR/es" bash "$HERE/elasticsearch/es.sh" status || rc=3
    fi
    exit $rc
    ;;
  *)
    echo "usage: bash deploy/stack.sh start|stop|status" >&2; exit 2 ;;
esac
