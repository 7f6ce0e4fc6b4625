#!/usr/bin/env bash
# The main job on shipped defaults: installs what it needs, builds, and evaluates the shipped Diffusion Policy
# (models/pusht_keypoints_unet) on 20 Push-T test seeds with a progress display, a results table and a rollout GIF
# (out/demo/rollouts.gif, out/demo/eval.json). Offline; extra arguments go to `robodiff demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec dotnet "${RD_ARTIFACTS:-artifacts}/bin/RoboDiffusion.Cli/release/robodiff.dll" demo "$@"
