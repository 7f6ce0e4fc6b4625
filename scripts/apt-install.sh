#!/usr/bin/env bash
# Installs the given Debian packages that are missing (as root or through sudo); the one copy of this logic.
# Idempotent: packages already present are not reinstalled; apt-get update runs only when something is missing.
# Usage: bash scripts/apt-install.sh PACKAGE...
set -euo pipefail

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo_if_needed apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
