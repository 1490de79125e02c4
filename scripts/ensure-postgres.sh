#!/usr/bin/env bash
# Make sure PostgreSQL server binaries exist for the PostgreSQL test cases and `npm run bench`
# (server/test/support/pg.ts looks in /usr/lib/postgresql/<major>/bin). Installs only when none are
# present: postgresql-15 (Debian 12's version, the one production targets), else the distribution's
# default `postgresql`. Does not start or enable a server; the tests start their own throw-away ones.
set -euo pipefail

shopt -s nullglob
found=(/usr/lib/postgresql/*/bin/initdb)
shopt -u nullglob
if ((${#found[@]})); then
  echo "postgresql: found ${found[*]}"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "postgresql: not installed and no apt-get here; the PostgreSQL test cases will be skipped" >&2
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
    echo "postgresql: not installed and not root; install postgresql-15 to run the PostgreSQL cases" >&2
    exit 0
  fi
fi

echo "postgresql: installing"
"${sudo[@]}" apt-get update -q
pkg=postgresql
if apt-cache show postgresql-15 >/dev/null 2>&1; then pkg=postgresql-15; fi
# policy-rc.d 101: the package's postinst must not start a cluster service (containers have no init).
policy=/usr/sbin/policy-rc.d
made_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
  "${sudo[@]}" chmod +x "$policy"
  made_policy=1
fi
cleanup() { if [ "$made_policy" = 1 ]; then "${sudo[@]}" rm -f "$policy"; fi; }
trap cleanup EXIT
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$pkg"

shopt -s nullglob
found=(/usr/lib/postgresql/*/bin/initdb)
if ((${#found[@]})); then
  echo "postgresql: installed ${found[*]}"
else
  echo "postgresql: $pkg installed but no /usr/lib/postgresql/*/bin/initdb found" >&2
  exit 1
fi
