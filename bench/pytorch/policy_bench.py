#!/usr/bin/python3
"""PyTorch reference timings for Diffusion Policy's ConditionalUnet1D (Chi et al., RSS 2023, §III-B, CNN variant).

The network mirrors src/RoboDiffusion/Nn/ConditionalUnet1D.cs layer for layer (same modules, same order, same
parameter count), so its timings can be set beside the TorchSharp ones measured on the same machine.

    python3 bench/pytorch/policy_bench.py --down-dims 64,128,256 --json out.json [--quick]
    python3 bench/pytorch/policy_bench.py --memory-steps 5000
"""
import argparse
import json
import math
import os
import resource
import statistics
import sys
import time


def _pin_blas_threads():
    """OpenBLAS reads its thread count at load time, so match --threads before torch (and with it libblas) loads."""
    argv = sys.argv[1:]
    n = next((argv[i + 1] for i, x in enumerate(argv[:-1]) if x == "--threads"), "2")
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        os.environ.setdefault(var, n)
    # GNU OpenMP spins at barriers; on a machine loaded by other processes a pre-empted thread stalls every op
    # (forward at batch 1 went from 7 ms to 30-600 ms). PASSIVE waits sleep instead; it is read at load time too.
    wait = next((argv[i + 1] for i, x in enumerate(argv[:-1]) if x == "--omp-wait"), "inherit")
    if wait != "inherit":
        os.environ["OMP_WAIT_POLICY"] = wait.upper()


def _import_torch():
    """Debian's python3-torch lives in /usr/bin/python3; a pyenv python3 first on PATH cannot see it, so re-run there."""
    try:
        import torch  # noqa: F401
    except ImportError:
        system_python = "/usr/bin/python3"
        if os.path.realpath(sys.executable) != os.path.realpath(system_python) and os.path.exists(system_python):
            print(f"policy_bench: torch not importable from {sys.executable}; re-running with {system_python}", file=sys.stderr)
            os.execv(system_python, [system_python, *sys.argv])
        sys.exit("policy_bench: cannot import torch; run bench/pytorch/setup.sh first")


_pin_blas_threads()
_import_torch()
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

HORIZON, ACTION_DIM, GLOBAL_COND_DIM = 16, 2, 40   # Push-T state: T = 16, Da = 2, To·Do = 2·20
TRAIN_TIMESTEPS = 100                               # DDPM steps of the Push-T configs
OBS_STEPS = 2                                       # To; observation keys: 18 keypoint values + 2 agent position values
RAW_MIN, RAW_MAX = 0.0, 512.0                       # fixed normalizer statistics (Push-T coordinates), both sides
FULL_DIMS = [256, 512, 1024]
FULL_PARAMS = 65_783_298                            # our C# ConditionalUnet1D at FULL_DIMS, kernel 5, groups 8, dsed 256


# ---------------------------------------------------------------------------------------------------------------------
# The network: same modules, same order as Conv1dBlock.cs, ConditionalResidualBlock1D.cs, SinusoidalPosEmb.cs and
# ConditionalUnet1D.cs.

class SinusoidalPosEmb(nn.Module):
    """Vaswani et al. (2017) §3.5: f_i = exp(−i·ln(10000)/(h−1)), emb(t) = [sin(t·f), cos(t·f)], h = dim/2."""

    def __init__(self, dim):
        super().__init__()
        self.dim = dim

    def forward(self, t):                                               # [B]
        half = self.dim // 2
        freqs = torch.exp(torch.arange(half, dtype=t.dtype, device=t.device) * -(math.log(10000.0) / (half - 1)))
        angles = t[:, None] * freqs[None, :]                            # [B, h]
        return torch.cat([angles.sin(), angles.cos()], dim=1)           # [B, dim]


class Conv1dBlock(nn.Module):
    """Conv1d(k, padding k/2) → GroupNorm → Mish."""

    def __init__(self, in_ch, out_ch, kernel, groups):
        super().__init__()
        self.conv = nn.Conv1d(in_ch, out_ch, kernel, padding=kernel // 2)
        self.norm = nn.GroupNorm(groups, out_ch)
        self.act = nn.Mish()

    def forward(self, x):                                               # [B, in, T] → [B, out, T]
        return self.act(self.norm(self.conv(x)))


class ConditionalResidualBlock1D(nn.Module):
    """block0 → FiLM (Perez et al. 2018) γ(c)·h + β(c) → block1, plus a 1×1-conv (or identity) residual."""

    def __init__(self, in_ch, out_ch, cond_dim, kernel, groups, predict_scale=True):
        super().__init__()
        self.block0 = Conv1dBlock(in_ch, out_ch, kernel, groups)
        self.block1 = Conv1dBlock(out_ch, out_ch, kernel, groups)
        self.cond_act = nn.Mish()
        self.cond_proj = nn.Linear(cond_dim, 2 * out_ch if predict_scale else out_ch)
        self.residual = nn.Conv1d(in_ch, out_ch, 1) if in_ch != out_ch else nn.Identity()
        self.out_ch, self.predict_scale = out_ch, predict_scale

    def forward(self, x, cond):                                         # [B, in, T], [B, cond_dim]
        h = self.block0(x)                                              # [B, out, T]
        film = self.cond_proj(self.cond_act(cond))
        if self.predict_scale:
            sb = film.view(film.shape[0], 2, self.out_ch, 1)            # scale first, then bias
            h = sb[:, 0] * h + sb[:, 1]
        else:
            h = h + film.unsqueeze(-1)
        return self.block1(h) + self.residual(x)                        # [B, out, T]


class ConditionalUnet1D(nn.Module):
    """Diffusion Policy's 1-D temporal UNet; input [B, T, Da], step [B], cond [B, G] → [B, T, Da]."""

    def __init__(self, input_dim=2, global_cond_dim=40, down_dims=(256, 512, 1024), kernel=5, groups=8, dsed=256):
        super().__init__()
        cond_dim = dsed + global_cond_dim
        self.step_encoder = nn.Sequential(
            SinusoidalPosEmb(dsed), nn.Linear(dsed, 4 * dsed), nn.Mish(), nn.Linear(4 * dsed, dsed))
        dims, levels = [input_dim, *down_dims], len(down_dims)

        def block(i, o):
            return ConditionalResidualBlock1D(i, o, cond_dim, kernel, groups)

        self.down_blocks, self.downsamplers = nn.ModuleList(), nn.ModuleList()
        for i in range(levels):
            self.down_blocks.extend([block(dims[i], dims[i + 1]), block(dims[i + 1], dims[i + 1])])
            self.downsamplers.append(
                nn.Conv1d(dims[i + 1], dims[i + 1], 3, stride=2, padding=1) if i < levels - 1 else nn.Identity())
        self.mid_blocks = nn.ModuleList([block(dims[-1], dims[-1]), block(dims[-1], dims[-1])])
        self.up_blocks, self.upsamplers = nn.ModuleList(), nn.ModuleList()
        for i in range(levels - 1, 0, -1):                              # join level i's skip, return to level i−1's width
            self.up_blocks.extend([block(2 * dims[i + 1], dims[i]), block(dims[i], dims[i])])
            self.upsamplers.append(nn.ConvTranspose1d(dims[i], dims[i], 4, stride=2, padding=1))
        self.final_block = Conv1dBlock(down_dims[0], down_dims[0], kernel, groups)
        self.final_conv = nn.Conv1d(down_dims[0], input_dim, 1)

    def forward(self, x, t, cond):
        c = torch.cat([self.step_encoder(t.to(x.dtype)), cond.to(x.dtype)], dim=1)  # [B, dsed + G]
        x = x.transpose(1, 2)                                           # [B, Da, T]
        skips = []
        for i, down in enumerate(self.downsamplers):
            x = self.down_blocks[2 * i + 1](self.down_blocks[2 * i](x, c), c)
            skips.append(x)
            x = down(x)
        for mid in self.mid_blocks:
            x = mid(x, c)
        for i, up in enumerate(self.upsamplers):
            x = torch.cat([x, skips.pop()], dim=1)                      # [B, 2·C, T']
            x = up(self.up_blocks[2 * i + 1](self.up_blocks[2 * i](x, c), c))
        x = self.final_conv(self.final_block(x))                        # [B, Da, T]
        return x.transpose(1, 2).contiguous()                           # [B, T, Da]


def param_count(model):
    return sum(p.numel() for p in model.parameters())


# ---------------------------------------------------------------------------------------------------------------------
# Cases.

def alphas_cumprod():
    """ᾱ_t of the squared-cosine schedule (Nichol & Dhariwal 2021, eq. 17) with TRAIN_TIMESTEPS steps,
    β_t = min(1 − f(t+1)/f(t), 0.999), as diffusers' squaredcos_cap_v2."""
    f = [math.cos((t / TRAIN_TIMESTEPS + 0.008) / 1.008 * math.pi / 2) ** 2 for t in range(TRAIN_TIMESTEPS + 1)]
    abar, prod = [], 1.0
    for i in range(TRAIN_TIMESTEPS):
        prod *= 1 - min(1 - f[i + 1] / f[i], 0.999)
        abar.append(prod)
    return abar


def sampler_coefficients(steps, sampler):
    """Per step (t, ᾱ_t, ᾱ_prev, σ_t) on diffusers' "leading" timesteps; ᾱ_prev = 1 after the last step."""
    abar = alphas_cumprod()
    ts = [(steps - 1 - k) * (TRAIN_TIMESTEPS // steps) for k in range(steps)]
    coeffs = []
    for k, t in enumerate(ts):
        prev = abar[ts[k + 1]] if k + 1 < steps else 1.0
        beta = 1 - abar[t] / prev
        sigma = math.sqrt(max(beta * (1 - prev) / (1 - abar[t]), 1e-20)) if sampler == "ddpm" and k + 1 < steps else 0.0
        coeffs.append((t, abar[t], prev, sigma))
    return coeffs


def normalize(x, lo=RAW_MIN, hi=RAW_MAX):
    """Min-max to [−1, 1] (diffusion_policy's LinearNormalizer, "limits" mode), fixed statistics."""
    return (x - lo) / ((hi - lo) / 2) - 1


def unnormalize(y, lo=RAW_MIN, hi=RAW_MAX):
    return (y + 1) * ((hi - lo) / 2) + lo


def raw(shape, gen):
    """Raw features drawn uniformly in [RAW_MIN, RAW_MAX], as a dataset batch would arrive."""
    return RAW_MIN + (RAW_MAX - RAW_MIN) * torch.rand(shape, generator=gen)


def condition(keypoints, state):
    """The first To steps of each observation key, normalized, concatenated and flattened: [B, To·20]."""
    obs = torch.cat([normalize(keypoints[:, :OBS_STEPS]), normalize(state[:, :OBS_STEPS])], dim=-1)
    return obs.reshape(obs.shape[0], -1)


def make_cases(model, gen):
    """The timed bodies, doing the work of the C# side (DiffusionPolicy.PredictChunk / Loss); each returns nothing
    and draws fresh random inputs where a real run would."""
    def inputs(b):
        return (torch.randn(b, HORIZON, ACTION_DIM, generator=gen), torch.full((b,), 50.0),
                torch.randn(b, GLOBAL_COND_DIM, generator=gen))

    def forward(b):
        x, t, cond = inputs(b)

        def run():
            with torch.no_grad():
                model(x, t, cond)
        return run

    def chunk(steps, sampler):
        """diffusers' DDPMScheduler (fixed_small variance) or DDIMScheduler (η = 0) step with clip_sample: x̂₀ from ε,
        clipped to [−1, 1], then the DDPM posterior mean plus noise (Ho et al. 2020, eqs. 6–7) or the DDIM update
        (Song et al. 2021, eq. 12) with ε recomputed from the clipped x̂₀."""
        coeffs = sampler_coefficients(steps, sampler)
        keypoints, state = raw((1, OBS_STEPS, 18), gen), raw((1, OBS_STEPS, 2), gen)

        def run():
            with torch.no_grad():
                cond = condition(keypoints, state)
                x = torch.randn(1, HORIZON, ACTION_DIM, generator=gen)
                for t, abar, prev, sigma in coeffs:
                    eps = model(x, torch.full((1,), float(t)), cond)             # 1. predict ε
                    x0 = ((x - math.sqrt(1 - abar) * eps) / math.sqrt(abar)).clamp(-1, 1)   # 2. clipped x̂₀
                    if sampler == "ddpm":                                         # 3. posterior mean (+ noise)
                        alpha = abar / prev
                        x = (math.sqrt(prev) * (1 - alpha) / (1 - abar)) * x0 + (math.sqrt(alpha) * (1 - prev) / (1 - abar)) * x
                        if sigma > 0:
                            x = x + sigma * torch.randn(x.shape, generator=gen)
                    else:
                        eps = (x - math.sqrt(abar) * x0) / math.sqrt(1 - abar)
                        x = math.sqrt(prev) * x0 + math.sqrt(1 - prev) * eps
                unnormalize(x)
        return run

    opt = torch.optim.AdamW(model.parameters(), lr=1e-4, betas=(0.95, 0.999), weight_decay=1e-6)
    sqrt_abar = torch.tensor(alphas_cumprod()).sqrt()
    sqrt_one_minus_abar = (1 - torch.tensor(alphas_cumprod())).sqrt()

    def train_step(b=256):
        """The full ε-MSE diffusion loss (Ho et al. 2020, eq. 14): normalize a raw batch, draw noise and timesteps,
        q-sample x_t = √ᾱ_t·x₀ + √(1 − ᾱ_t)·ε, predict ε, backward, one AdamW step (no EMA, no gradient clipping)."""
        def run():
            keypoints, state = raw((b, HORIZON, 18), gen), raw((b, HORIZON, 2), gen)
            actions = normalize(raw((b, HORIZON, ACTION_DIM), gen))
            cond = condition(keypoints, state)
            noise = torch.randn(actions.shape, generator=gen)
            t = torch.randint(0, TRAIN_TIMESTEPS, (b,), generator=gen)
            x_t = sqrt_abar[t].view(-1, 1, 1) * actions + sqrt_one_minus_abar[t].view(-1, 1, 1) * noise
            opt.zero_grad(set_to_none=True)
            loss = F.mse_loss(model(x_t, t.float(), cond), noise)
            loss.backward()
            opt.step()
        return run

    # name, body, warm-up, reps (full run), reps (--quick), train mode; --quick warms up once, or not at all when
    # it times a single rep of a case that already amortizes its first call (chunk_100 is 100 forwards)
    return [("forward_b1", forward(1), 5, 50, 5, False),
            ("forward_b50", forward(50), 2, 15, 2, False),
            ("chunk_100", chunk(100, "ddpm"), 1, 7, 1, False),
            ("chunk_10", chunk(10, "ddim"), 2, 15, 2, False),
            ("train_b256", train_step(), 2, 10, 1, True)]


def time_case(body, warmup, reps, budget_s):
    """Median wall time after warm-up; stops early (after ≥ 3 reps, or 1 when reps = 1) once budget_s is spent."""
    for _ in range(warmup):
        body()
    times, start = [], time.perf_counter()
    for _ in range(reps):
        t0 = time.perf_counter()
        body()
        times.append(time.perf_counter() - t0)
        if len(times) >= min(3, reps) and time.perf_counter() - start > budget_s:
            break
    return times


def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024   # Linux reports KiB


def bench_size(label, dims, dsed, quick, budget_s, results):
    torch.manual_seed(0)
    model = ConditionalUnet1D(down_dims=dims, dsed=dsed)
    n = param_count(model)
    if dims == FULL_DIMS:
        assert n == FULL_PARAMS, f"full-size parameter count {n:,} differs from the C# model's {FULL_PARAMS:,}"
    print(f"\n{label}: down_dims {dims}, step embedding {dsed}, {n:,} parameters")
    gen = torch.Generator().manual_seed(0)
    for name, body, warmup, reps, quick_reps, train in make_cases(model, gen):
        model.train(train)
        quick_warmup = 0 if name == "chunk_100" else 1
        times = time_case(body, quick_warmup if quick else warmup, quick_reps if quick else reps, budget_s)
        med = statistics.median(times)
        key = f"{label}/{name}"
        results[key] = {"down_dims": dims, "step_embed": dsed, "median_s": med, "reps": len(times), "min_s": min(times), "params": n,
                        "peak_rss_mb": round(peak_rss_mb(), 1), "torch": torch.__version__,
                        "threads": torch.get_num_threads(), "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY", "")}
        extra = f"  ({1 / med:7.2f} steps/s)" if train else ""
        print(f"  {key:<22} median {med * 1e3:10.2f} ms  min {min(times) * 1e3:10.2f} ms  reps {len(times):3d}"
              f"  peak RSS {peak_rss_mb():7.0f} MB{extra}", flush=True)


def memory_check(dims, dsed, steps):
    """Training steps at batch 256 printing the RSS every 500 steps: a flat curve means no per-step leak."""
    torch.manual_seed(0)
    model = ConditionalUnet1D(down_dims=dims, dsed=dsed).train()
    body = dict((c[0], c[1]) for c in make_cases(model, torch.Generator().manual_seed(0)))["train_b256"]
    print(f"memory check: down_dims {dims}, {steps} training steps at batch 256")
    start = time.perf_counter()
    for step in range(1, steps + 1):
        body()
        if step == 1 or step % 500 == 0 or step == steps:
            el = time.perf_counter() - start
            print(f"  step {step:6d}  RSS {rss_mb():8.1f} MB  peak {peak_rss_mb():8.1f} MB  {step / el:6.2f} steps/s",
                  flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--down-dims", default="64,128,256", help="the shipped size, comma-separated (default 64,128,256)")
    p.add_argument("--step-embed", type=int, default=128,
                   help="diffusion_step_embed_dim of the shipped size (default 128, configs/pusht_state_unet.yaml); full uses 256")
    p.add_argument("--sizes", default="full,shipped", help="which sizes to run: full, shipped or both (default)")
    p.add_argument("--json", help="write the results here")
    p.add_argument("--quick", action="store_true", help="few repetitions: a smoke run")
    p.add_argument("--budget", type=float, default=30.0, help="seconds per case after which repetitions stop (≥ 3 reps)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--omp-wait", choices=["inherit", "passive", "active"], default="inherit",
                   help="set OMP_WAIT_POLICY (read before torch loads); passive is robust when other processes load the "
                        "cores; compare with the C# side under the same setting")
    p.add_argument("--memory-steps", type=int, default=0, help="run N training steps on the shipped size, print RSS")
    a = p.parse_args()

    shipped = [int(d) for d in a.down_dims.split(",")]
    sizes = {"full": (FULL_DIMS, 256), "shipped": (shipped, a.step_embed)}
    chosen = [s.strip() for s in a.sizes.split(",")]
    unknown = [s for s in chosen if s not in sizes]
    if unknown:
        p.error(f"unknown size(s) {unknown}; valid: {list(sizes)}")
    torch.set_num_threads(a.threads)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, float32, "
          f"OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY', '(unset)')}, load average {os.getloadavg()[0]:.2f}")

    # The parity check is cheap (no forward pass) and runs every time.
    n = param_count(ConditionalUnet1D(down_dims=FULL_DIMS))
    assert n == FULL_PARAMS, f"full-size parameter count {n:,} differs from the C# model's {FULL_PARAMS:,}"
    print(f"parameter count check: {n:,} == {FULL_PARAMS:,} OK")

    if a.memory_steps > 0:
        memory_check(shipped, a.step_embed, a.memory_steps)
        return
    results = {}
    for label in chosen:
        bench_size(label, *sizes[label], a.quick, a.budget, results)
    print(f"\npeak RSS {peak_rss_mb():.0f} MB")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(results, f, indent=2)
        print(f"wrote {a.json}")


if __name__ == "__main__":
    main()
