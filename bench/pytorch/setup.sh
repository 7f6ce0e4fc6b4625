#!/usr/bin/env bash
# Installs Debian's PyTorch, NumPy and OpenBLAS for the PyTorch reference benchmark (as root or through sudo).
# OpenBLAS matters: without it libblas.so.3 is the netlib reference BLAS and every Linear/conv GEMM is several times slower.
# Debian's torch lives in /usr/bin/python3 (a pyenv python3 on PATH cannot import it; policy_bench.py re-runs itself there).
set -euo pipefail

APT_PACKAGES=(python3-torch python3-numpy libopenblas0-pthread)

bash "$(dirname "$0")/../../scripts/apt-install.sh" "${APT_PACKAGES[@]}"
/usr/bin/python3 -c "import torch, numpy" || { echo "setup: /usr/bin/python3 still cannot import torch" >&2; exit 1; }
