#!/usr/bin/env bash
# The browser tests drive Debian's chromium (never a downloaded browser build). Installs it when
# missing and we are root (CI, a fresh machine); otherwise says what to do.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "warmkoud: installing Debian's chromium for the browser tests" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "warmkoud: $chromium not found: run 'sudo apt-get install -y chromium' or set CHROMIUM_PATH" >&2
  exit 1
fi
