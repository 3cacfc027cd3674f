#!/usr/bin/env bash
# install-services.sh — installs, idempotently, what the local stack and the tests need on a fresh
# Debian/Ubuntu machine: redis-server, chromium, fonts-noto-cjk, maven and a JDK (apt), FerretDB v1.24.2
# (built with Go). The search nodes' jars (Elasticsearch 8.14.3, and OpenSearch 2.19 for its smaller
# test run) come from Maven Central through deploy/elasticsearch/es.sh fetch (at the end).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SUDO=""; [[ "$(id -u)" == 0 ]] || SUDO="sudo"

missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
command -v chromium >/dev/null || [[ -x /usr/bin/chromium ]] || missing+=(chromium)
# Chinese text in screenshots (问题截图): Noto CJK for Chromium
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
# the search node (deploy/elasticsearch) is resolved by Maven and its launcher compiled with a JDK
command -v mvn >/dev/null || missing+=(maven)
command -v javac >/dev/null || missing+=(openjdk-17-jdk-headless)
if ((${#missing[@]})); then
  echo "install-services: apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
else
  echo "install-services: redis-server, chromium, fonts-noto-cjk, maven and a JDK present"
fi

if [[ -n "${FERRETDB_BIN:-}" && -x "${FERRETDB_BIN}" ]]; then
  echo "install-services: ferretdb present ($FERRETDB_BIN)"
else
  command -v go >/dev/null || { echo "install-services: Go is needed to build FerretDB (https://go.dev/dl/)" >&2; exit 2; }
  bash "$HERE/ferretdb/build.sh"
fi

# the search nodes: Elasticsearch 8.14.3 (default engine) and OpenSearch 2.19 (second engine)
bash "$HERE/elasticsearch/es.sh" fetch
ES_ENGINE=opensearch bash "$HERE/elasticsearch/es.sh" fetch
