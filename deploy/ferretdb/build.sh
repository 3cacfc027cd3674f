#!/usr/bin/env bash
# Builds FerretDB v1.24.2 (MongoDB wire protocol over SQLite) from the Go module proxy, idempotently.
#
# `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` alone yields a binary that panics at
# start ("Invalid build/version/version.txt"): the module zip lacks the generated version file. So we
# copy the module source, write build/version/version.txt, and `go build` from there.
# Output: $FERRETDB_BIN (default: $(go env GOPATH)/bin/ferretdb). Needs Go >= 1.22 on PATH.
set -euo pipefail
VERSION="${FERRETDB_VERSION:-v1.24.2}"
command -v go >/dev/null || { echo "ferretdb build: Go is not installed (https://go.dev/dl/, or apt-get install golang)" >&2; exit 2; }
BIN="${FERRETDB_BIN:-$(go env GOPATH)/bin/ferretdb}"
# read the whole version text first: `grep -q` closing the pipe early would fail it under pipefail
if [ -x "$BIN" ] && [[ "$("$BIN" --version 2>/dev/null || true)" == *"${VERSION#v}"* ]]; then
  echo "ferretdb $VERSION already built: $BIN"
  exit 0
fi
SRC="$(go mod download -json "github.com/FerretDB/FerretDB@$VERSION" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')"
WORK="$(mktemp -d)"
trap 'chmod -R u+w "$WORK"; rm -rf "$WORK"' EXIT
cp -r "$SRC/." "$WORK/"
chmod -R u+w "$WORK"
echo "$VERSION" > "$WORK/build/version/version.txt"
echo "local" > "$WORK/build/version/package.txt"
mkdir -p "$(dirname "$BIN")"
echo "building ferretdb $VERSION -> $BIN (takes minutes on 2 cores the first time)"
(cd "$WORK" && GOFLAGS=-buildvcs=false go build -trimpath -o "$BIN" ./cmd/ferretdb)
"$BIN" --version | head -3
