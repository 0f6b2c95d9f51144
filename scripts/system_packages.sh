#!/usr/bin/env bash
# Installs the Debian packages a target runs for real, when they are missing:
#   scripts/system_packages.sh cluster   PostgreSQL, Redis, nginx (make cluster, make bench)
#   scripts/system_packages.sh test      the same and Chromium (make test: the widget in a browser)
set -euo pipefail
missing=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || missing+=(nginx)
if [ "${1:-test}" = test ]; then
  command -v chromium >/dev/null || missing+=(chromium)
fi
if [ ${#missing[@]} -gt 0 ]; then
  printf '\n==== installing %s from Debian'"'"'s packages\n' "${missing[*]}"
  [ "$(id -u)" = 0 ] || { echo "missing: apt-get install ${missing[*]} (as root)" >&2; exit 1; }
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
