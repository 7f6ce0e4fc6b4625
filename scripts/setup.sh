#!/usr/bin/env bash
# Installs what RoboDiffusion needs on Debian 12 (as root or through sudo) and builds the solution.
# Idempotent: packages already present are not reinstalled; apt-get update runs only when something is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Native libraries used through P/Invoke and by the renderers. Later simulators add theirs here.
APT_PACKAGES=(libfontconfig1 fonts-dejavu-core libchipmunk7)

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo_if_needed apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

if ! command -v dotnet >/dev/null; then
  echo "setup: the .NET 10 SDK is required (dotnet not found on PATH)." >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build RoboDiffusion.slnx -c Release -nologo -v quiet -clp:ErrorsOnly >&2
