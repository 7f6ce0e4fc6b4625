#!/usr/bin/env bash
# The main job on shipped defaults: installs what it needs, builds, and runs the demo.
# For now: the diffusion core end to end on the 8-Gaussian toy (train an MLP denoiser, sample, table, plot).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p out/demo
exec dotnet artifacts/bin/RoboDiffusion.Cli/release/robodiff.dll toy --dataset gmm8 --denoiser trained \
  --sampler dpmpp_2m --steps 32 --out out/demo/samples.npy --plot out/demo/samples.png "$@"
