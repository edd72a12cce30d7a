#!/usr/bin/env bash
# Obtains liblsl for the build: the npm package lsl.js@1.1.2 ships a prebuilt, MIT-licensed
# prebuilt/liblsl64.so (LSL protocol 1.10, interoperable with liblsl 1.17). No liblsl is on Maven
# Central or Debian, so the build fetches this one with npm and keeps it in .liblsl/ at the repo root.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/.liblsl"
LIB="$DEST/liblsl64.so"
if [ -s "$LIB" ]; then exit 0; fi
if ! command -v npm >/dev/null 2>&1; then
  echo "fetch-liblsl: npm is not installed; install Node.js/npm (apt-get install npm) or put liblsl64.so in $DEST" >&2
  exit 1
fi
mkdir -p "$DEST"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && npm pack --silent lsl.js@1.1.2 >/dev/null)
tar -xzf "$TMP"/lsl.js-1.1.2.tgz -C "$TMP"
cp "$TMP/package/prebuilt/liblsl64.so" "$LIB.tmp"
[ -f "$TMP/package/LICENSE" ] && cp "$TMP/package/LICENSE" "$DEST/LICENSE.lsl.js" || true
mv "$LIB.tmp" "$LIB"
echo "fetch-liblsl: installed $LIB ($(stat -c %s "$LIB") bytes)" >&2
