#!/usr/bin/python3
"""Writes diffusers_golden.json: diffusers' own DDPMScheduler/DDIMScheduler.step run in float64, mapped to sigma space.

KDiffusionGoldenTests.cs replays each case with our Sampling.Ddpm / Sampling.Ddim (same schema as kdiffusion_golden.json).

How to regenerate (nothing from diffusers is committed; only this script and its JSON output are ours):
  1. Debian 12 packages:  apt-get install -y python3-torch python3-numpy
  2. From huggingface/diffusers at commit 58eb52c0803ea9af3abec60841c2a093bdf1f951 (2026-08-23), copy
     src/diffusers/schedulers/scheduling_ddpm.py and scheduling_ddim.py to a scratch directory outside this repository,
     e.g. /tmp/diffusers-src/src/diffusers/schedulers/.
  3. /usr/bin/python3 make_diffusers_golden.py --diffusers /tmp/diffusers-src/src
Only those two files are imported; the diffusers package, its config machinery (ConfigMixin, register_to_config),
BaseOutput, randn_tensor and scheduling_utils are replaced by minimal stand-ins below. randn_tensor replays recorded
draws. diffusers builds betas/alphas_cumprod in float32; the script recasts alphas_cumprod to float64 after
construction (the values are unchanged) so that every step runs in float64.

The mapping to our sigma-space samplers: sigma_t = sqrt((1 - abar_t)/abar_t), x_ours = x_vp / sqrt(abar_t); the model
is the eps-prediction of the same Gaussian-mixture denoiser, eps = (x_ours - D(x_ours, sigma_t)) / sigma_t; diffusers'
pred_original_sample is our per-step denoised.
"""
import argparse
import hashlib
import importlib
import inspect
import json
import os
import sys
import types

import torch

sys.dont_write_bytecode = True  # no __pycache__ beside the golden files
from make_kdiffusion_golden import MEANS, STDS, WEIGHTS, denoiser

DIFFUSERS_COMMIT = "58eb52c0803ea9af3abec60841c2a093bdf1f951"
TRAIN_STEPS, STEPS = 1000, 10
CASES = [  # (case name, our sampler, scheduler class, step kwargs)
    ("ddpm", "sample_ddpm", "DDPMScheduler", {}),
    ("ddim", "sample_ddim", "DDIMScheduler", {"eta": 0.0}),
    ("ddim_eta", "sample_ddim", "DDIMScheduler", {"eta": 0.7}),
]


class Replay:
    """The randn_tensor stand-in: returns pool[step] for the current step and logs which steps asked."""
    def __init__(self, pool):
        self.pool, self.step, self.asked = pool, 0, []

    def __call__(self, shape, generator=None, device=None, dtype=None, **_):
        self.asked.append(self.step)
        return self.pool[self.step].clone()


def load_schedulers(src_root, replay):
    def fake(name, **attrs):
        module = types.ModuleType(name)
        module.__dict__.update(attrs)
        sys.modules[name] = module
        return module

    def register_to_config(init):  # stores the bound constructor arguments (defaults applied) as self.config
        def wrapped(self, *args, **kwargs):
            bound = inspect.signature(init).bind(self, *args, **kwargs)
            bound.apply_defaults()
            self.config = types.SimpleNamespace(**{k: v for k, v in bound.arguments.items() if k != "self"})
            init(self, *args, **kwargs)
        return wrapped

    fake("diffusers").__path__ = [os.path.join(src_root, "diffusers")]
    fake("diffusers.configuration_utils", ConfigMixin=type("ConfigMixin", (), {}), register_to_config=register_to_config)
    fake("diffusers.utils", BaseOutput=type("BaseOutput", (), {}))
    fake("diffusers.utils.torch_utils", randn_tensor=replay)
    fake("diffusers.schedulers").__path__ = [os.path.join(src_root, "diffusers", "schedulers")]
    fake("diffusers.schedulers.scheduling_utils", KarrasDiffusionSchedulers=[], SchedulerMixin=type("SchedulerMixin", (), {}))
    return {name: getattr(importlib.import_module(f"diffusers.schedulers.{module}"), name)
            for name, module in (("DDPMScheduler", "scheduling_ddpm"), ("DDIMScheduler", "scheduling_ddim"))}


def run_case(scheduler, step_kwargs, x0_vp, replay):
    abar = scheduler.alphas_cumprod
    sigma = lambda t: ((1 - abar[t]) / abar[t]).sqrt()
    x, steps = x0_vp.clone(), []
    replay.step, replay.asked = 0, []
    for i, t in enumerate(scheduler.timesteps):
        scale = abar[t].sqrt()
        x_ours = x / scale
        s = sigma(t)
        eps = (x_ours - denoiser(x_ours, s.expand(x.shape[0]))) / s
        replay.step = i
        x, pred_x0 = scheduler.step(eps, t, x, return_dict=False, **step_kwargs)
        steps.append({"sigma": float(s), "x": x_ours, "denoised": pred_x0})
    return x, steps


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--diffusers", default="/tmp/diffusers-src/src", help="directory holding diffusers/schedulers/")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "diffusers_golden.json"))
    args = parser.parse_args()
    torch.set_default_dtype(torch.float64)
    noise_gen = torch.Generator().manual_seed(2)
    pool = [torch.randn(4, 2, generator=noise_gen) for _ in range(STEPS)]
    replay = Replay(pool)
    schedulers = load_schedulers(args.diffusers, replay)
    digest = hashlib.sha256()
    for name in ("scheduling_ddpm.py", "scheduling_ddim.py"):
        with open(os.path.join(args.diffusers, "diffusers", "schedulers", name), "rb") as f:
            digest.update(f.read())

    x0_vp = torch.randn(4, 2, generator=torch.Generator().manual_seed(3))
    cases, sigmas = [], None
    for name, ours, cls, step_kwargs in CASES:
        scheduler = schedulers[cls](num_train_timesteps=TRAIN_STEPS, clip_sample=False)
        scheduler.alphas_cumprod = scheduler.alphas_cumprod.to(torch.float64)   # float32 values, float64 arithmetic
        scheduler.set_timesteps(STEPS)
        x, steps = run_case(scheduler, step_kwargs, x0_vp, replay)
        grid = [s["sigma"] for s in steps] + [0.0]
        assert sigmas is None or grid == sigmas
        sigmas = grid
        used = [k for k in replay.asked if sigmas[k + 1] > 0]   # DDIM draws (times 0) on its last step too
        cases.append({
            "name": name, "function": ours, "kwargs": {k: v for k, v in step_kwargs.items() if v},
            "diffusers": {"scheduler": cls, "timesteps": scheduler.timesteps.tolist(), "step_kwargs": step_kwargs},
            "noise_indices": used, "noise_args": None, "sigma_hat": sigmas[:-1],
            "x_steps": [s["x"].tolist() for s in steps], "denoised": [s["denoised"].tolist() for s in steps],
            "x": x.tolist(),  # abar = 1 after the last step, so x_vp = x_ours
        })

    golden = {
        "about": "diffusers DDPM/DDIM scheduler steps on a 2-D Gaussian mixture, float64, in sigma space; "
                 "regenerate with make_diffusers_golden.py",
        "diffusers_commit": DIFFUSERS_COMMIT,
        "schedulers_sha256": digest.hexdigest(),
        "torch_version": torch.__version__,
        "mixture": {"weights": WEIGHTS, "means": MEANS, "stds": STDS},
        "sigmas": sigmas,
        "x0": (x0_vp * (1 + torch.tensor(sigmas[0]) ** 2).sqrt()).tolist(),
        "noise_pool": [t.tolist() for t in pool],
        "cases": cases,
    }
    with open(args.out, "w") as f:
        json.dump(golden, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {args.out}: {len(cases)} cases, {os.path.getsize(args.out)} bytes")


if __name__ == "__main__":
    main()
