#!/usr/bin/env bash
# Installs what RoboDiffusion needs on Debian 12 (as root or through sudo) and builds the solution.
set -euo pipefail
cd "$(dirname "$0")/.."

# Native libraries used through P/Invoke and by the renderers. Later simulators add theirs here.
APT_PACKAGES=(libfontconfig1 fonts-dejavu-core libchipmunk7 libmujoco2.2.2)

bash scripts/apt-install.sh "${APT_PACKAGES[@]}"

if ! command -v dotnet >/dev/null; then
  echo "setup: the .NET 10 SDK is required (dotnet not found on PATH)." >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build RoboDiffusion.slnx -c Release -nologo -v quiet -clp:ErrorsOnly >&2
