#!/usr/bin/python3
"""Writes kdiffusion_golden.json: k-diffusion's own samplers run in float64 from a fixed x, grid, denoiser and noise.

KDiffusionGoldenTests.cs replays every case with our samplers and asserts the same numbers (final x, and x, sigma_hat
and denoised at every step) to 1e-10 relative.

How to regenerate (nothing from k-diffusion is committed; only this script and its JSON output are ours):
  1. Debian 12 packages:  apt-get install -y python3-torch python3-scipy     (torch 1.13, scipy 1.10, numpy)
  2. A checkout of crowsonkb/k-diffusion at commit 4601bf085320592473f681a62808ed873d17fad5 (2026-02-12), with its
     k_diffusion/ folder under a scratch directory outside this repository, e.g. /tmp/kdiff/k_diffusion/sampling.py.
  3. /usr/bin/python3 make_kdiffusion_golden.py --kdiff /tmp/kdiff
Only k_diffusion/sampling.py is imported. Its imports that Debian lacks (torchsde, torchdiffeq, tqdm) and the package
__init__/utils (which pull in PIL, torchvision, safetensors) are replaced by minimal stand-ins below; every sampler run
here gets an explicit noise sampler or a patched torch.randn_like, so the Brownian tree is never used. The JSON records
the SHA-256 of the sampling.py that produced it.
"""
import argparse
import contextlib
import hashlib
import importlib
import json
import math
import os
import sys
import types

import torch

KDIFF_COMMIT = "4601bf085320592473f681a62808ed873d17fad5"
STEPS, SIGMA_MIN, SIGMA_MAX, RHO = 12, 0.002, 80.0, 7.0

# 2-D Gaussian mixture data: sum_k w_k N(m_k, s_k^2 I). Its exact denoiser is nonlinear in x.
WEIGHTS = [0.4, 0.6]
MEANS = [[-1.5, 0.5], [1.0, -1.0]]
STDS = [0.5, 0.3]

CHURN = {"s_churn": 4.0, "s_tmin": 0.05, "s_tmax": 20.0, "s_noise": 1.003}
# (case name, k-diffusion function, keyword arguments); the kwargs use k-diffusion's names.
CASES = [
    ("euler", "sample_euler", {}),
    ("euler_churn", "sample_euler", CHURN),
    ("euler_ancestral", "sample_euler_ancestral", {}),
    ("euler_ancestral_eta", "sample_euler_ancestral", {"eta": 0.6, "s_noise": 0.9}),
    ("heun", "sample_heun", {}),
    ("heun_churn", "sample_heun", CHURN),
    ("dpm_2", "sample_dpm_2", {}),
    ("dpm_2_churn", "sample_dpm_2", CHURN),
    ("lms", "sample_lms", {}),
    ("lms_order3", "sample_lms", {"order": 3}),
    ("dpmpp_2s_ancestral", "sample_dpmpp_2s_ancestral", {}),
    ("dpmpp_2s_ancestral_eta", "sample_dpmpp_2s_ancestral", {"eta": 0.5, "s_noise": 0.95}),
    ("dpmpp_2m", "sample_dpmpp_2m", {}),
    ("dpmpp_2m_sde", "sample_dpmpp_2m_sde", {}),
    ("dpmpp_2m_sde_heun", "sample_dpmpp_2m_sde", {"solver_type": "heun"}),
    ("dpmpp_2m_sde_eta", "sample_dpmpp_2m_sde", {"eta": 0.5, "s_noise": 0.9}),
    ("dpmpp_3m_sde", "sample_dpmpp_3m_sde", {}),
    ("dpmpp_3m_sde_eta0", "sample_dpmpp_3m_sde", {"eta": 0.0}),
]
CHURN_SAMPLERS = {"sample_euler", "sample_heun", "sample_dpm_2"}  # draw with torch.randn_like, not a noise_sampler


def load_sampling(kdiff_root):
    """Imports k_diffusion/sampling.py alone, with stand-ins for the modules it needs but never uses here."""
    def fake(name, **attrs):
        module = types.ModuleType(name)
        module.__dict__.update(attrs)
        sys.modules[name] = module
        return module

    def unused(*_, **__):
        raise RuntimeError("stand-in called: the golden run must not reach this")

    fake("torchsde", BrownianTree=unused)
    fake("torchdiffeq", odeint=unused)
    try:
        import tqdm.auto  # noqa: F401
    except ImportError:
        fake("tqdm")
        fake("tqdm.auto", trange=lambda n, disable=None: range(n), tqdm=unused)
    package = fake("k_diffusion")
    package.__path__ = [os.path.join(kdiff_root, "k_diffusion")]

    def append_dims(x, target_dims):  # k_diffusion.utils.append_dims
        return x[(...,) + (None,) * (target_dims - x.ndim)]

    package.utils = fake("k_diffusion.utils", append_dims=append_dims)
    return importlib.import_module("k_diffusion.sampling")


def denoiser(x, sigma):
    """Exact E[x0 | x] for the mixture: responsibilities r_k times the per-component Gaussian posterior mean."""
    w, m, s = torch.tensor(WEIGHTS), torch.tensor(MEANS), torch.tensor(STDS)
    var = s[None, :] ** 2 + sigma[:, None] ** 2                                   # [B, K]
    diff = x[:, None, :] - m[None, :, :]                                          # [B, K, D]
    logits = w.log()[None, :] - 0.5 * x.shape[1] * var.log() - (diff ** 2).sum(-1) / (2 * var)
    r = torch.softmax(logits, dim=1)                                              # [B, K]
    posterior = m[None] + (s[None, :] ** 2 / var)[..., None] * diff              # [B, K, D]
    return (r[..., None] * posterior).sum(1)


@contextlib.contextmanager
def patched_randn_like(pool):
    """sample_euler/heun/dpm_2 call torch.randn_like on every step (used only when gamma > 0): feed pool[i] at step i."""
    original, calls = torch.randn_like, [0]

    def replay(x, *_, **__):
        calls[0] += 1
        return pool[calls[0] - 1].clone()

    torch.randn_like = replay
    try:
        yield
    finally:
        torch.randn_like = original


def run_case(sampling, fn_name, kwargs, x0, sigmas, pool):
    steps = []
    callback = lambda info: steps.append({k: info[k].clone() if torch.is_tensor(info[k]) else info[k]
                                          for k in ("i", "sigma", "sigma_hat", "x", "denoised")})
    fn = getattr(sampling, fn_name)
    noise_args = None
    if fn_name in CHURN_SAMPLERS:
        with patched_randn_like(pool):
            x = fn(denoiser, x0.clone(), sigmas, callback=callback, disable=True, **kwargs)
        used = [s["i"] for s in steps if float(s["sigma_hat"]) != float(s["sigma"])]  # draws with gamma > 0
    elif fn_name == "sample_lms" or fn_name == "sample_dpmpp_2m":
        x = fn(denoiser, x0.clone(), sigmas, callback=callback, disable=True, **kwargs)
        used = []
    else:
        noise_args = []

        def noise_sampler(sigma, sigma_next):
            noise_args.append([float(sigma), float(sigma_next)])
            return pool[len(noise_args) - 1].clone()

        x = fn(denoiser, x0.clone(), sigmas, callback=callback, disable=True, noise_sampler=noise_sampler, **kwargs)
        used = list(range(len(noise_args)))
    assert [s["i"] for s in steps] == list(range(len(sigmas) - 1)), "one callback per step"
    return {
        "noise_indices": used,
        "noise_args": noise_args,
        "sigma_hat": [float(s["sigma_hat"]) for s in steps],
        "x_steps": [s["x"].tolist() for s in steps],
        "denoised": [s["denoised"].tolist() for s in steps],
        "x": x.tolist(),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kdiff", default="/tmp/kdiff", help="directory holding the k_diffusion/ folder")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "kdiffusion_golden.json"))
    args = parser.parse_args()
    torch.set_default_dtype(torch.float64)
    sampling = load_sampling(args.kdiff)
    with open(os.path.join(args.kdiff, "k_diffusion", "sampling.py"), "rb") as f:
        sampling_sha256 = hashlib.sha256(f.read()).hexdigest()

    sigmas = sampling.get_sigmas_karras(STEPS, SIGMA_MIN, SIGMA_MAX, RHO)        # float64 (default dtype)
    assert sigmas.dtype == torch.float64
    x0 = SIGMA_MAX * torch.randn(4, 2, generator=torch.Generator().manual_seed(0))
    noise_gen = torch.Generator().manual_seed(1)
    pool = [torch.randn(4, 2, generator=noise_gen) for _ in range(STEPS)]

    cases = []
    for name, fn_name, kwargs in CASES:
        result = run_case(sampling, fn_name, kwargs, x0, sigmas, pool)
        assert all(math.isfinite(v) for row in result["x"] for v in row), name
        cases.append({"name": name, "function": fn_name, "kwargs": kwargs, **result})

    golden = {
        "about": "k-diffusion samplers on a 2-D Gaussian mixture, float64; regenerate with make_kdiffusion_golden.py",
        "k_diffusion_commit": KDIFF_COMMIT,
        "sampling_py_sha256": sampling_sha256,
        "torch_version": torch.__version__,
        "mixture": {"weights": WEIGHTS, "means": MEANS, "stds": STDS},
        "karras": {"n": STEPS, "sigma_min": SIGMA_MIN, "sigma_max": SIGMA_MAX, "rho": RHO},
        "sigmas": sigmas.tolist(),
        "x0": x0.tolist(),
        "noise_pool": [t.tolist() for t in pool],
        "cases": cases,
    }
    with open(args.out, "w") as f:
        json.dump(golden, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {args.out}: {len(cases)} cases, {os.path.getsize(args.out)} bytes")


if __name__ == "__main__":
    main()
