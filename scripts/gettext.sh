#!/usr/bin/env bash
# GNU gettext (msgfmt) compiles the Dutch and French catalogues; installed from Debian's
# packages when missing.
set -euo pipefail
if ! command -v msgfmt >/dev/null; then
  echo "Installing gettext to compile the translations…"
  if [ "$(id -u)" != 0 ]; then
    echo "Run as root, or: sudo apt-get install -y gettext" >&2
    exit 1
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null
fi
