#!/usr/bin/env bash
# Debian's Chromium for the browser tests (Playwright drives it; it never downloads one).
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium for the browser tests…"
  if [ "$(id -u)" != 0 ]; then
    echo "Run as root, or: sudo apt-get install -y chromium" >&2
    exit 1
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
/usr/bin/chromium --version
