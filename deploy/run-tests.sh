#!/usr/bin/env bash
# Runs govspider's whole test suite on a fresh machine: installs what the tests need (Python
# packages, Debian redis-server and chromium, FerretDB, the Elasticsearch jars), starts the local
# stack (Redis, FerretDB, Elasticsearch), runs pytest, and stops the stack again.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== installing Python packages"
python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'

echo "== installing services (idempotent)"
bash deploy/install-services.sh

echo "== starting the local stack"
trap 'bash deploy/stack.sh stop || true' EXIT  # before start: a half-started stack is stopped too
bash deploy/stack.sh start
# shellcheck disable=SC1091
. deploy/.stack/env

echo "== running the tests"
set +e
python3 -m pytest -p no:cacheprovider "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests" >&2
  status=1
fi
exit "$status"
