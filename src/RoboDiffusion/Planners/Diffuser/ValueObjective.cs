using RoboDiffusion.Diffusion.Denoisers;
using RoboDiffusion.Diffusion.Losses;
using RoboDiffusion.Diffusion.Schedules;
using static TorchSharp.torch;

namespace RoboDiffusion.Planners.Diffuser;

/// <summary>
/// Training of Diffuser's value network (diffuser/models/diffusion.py ValueDiffusion.p_losses and
/// datasets/sequence.py ValueDataset): a normalized trajectory is noised to a uniform DDPM timestep t, conditioned,
/// and the network regresses the discounted return Σ_k γ^k r_{start+k} from the window's first frame to the end of its
/// episode (γ = 0.99), with an L2 loss. The noisy input is the VP-scaled x_t, as the planner's network sees it.
/// ValueDataset conditions on the start only ({0: s₀}); <paramref name="inpaintGoal"/> also fixes the window's last observation.
/// </summary>
/// <param name="config">The planner config the value mirrors.</param>
/// <param name="inpaintGoal">Inpaint the last observation too, as the goal-conditioned planner's training does.</param>
public sealed class ValueObjective(DiffuserConfig config, bool inpaintGoal = true)
{
    private readonly DiffuserConfig _config = config.Validated();
    private readonly IParameterization _parameterization = DiffusionObjectives.CreateParameterization(config.Objective);
    private readonly NoiseLevelSampler _levels = NoiseLevelSamplers.DiscreteUniform(new DiscreteSchedule(config.Objective.Schedule));

    /// <summary>Mean squared error of the predicted returns; <paramref name="x0"/> normalized [B, H, T], targets [B].</summary>
    public Tensor Loss(ValueFunction value, Tensor x0, Tensor targets, Generator generator)
    {
        if (targets.dim() != 1 || targets.shape[0] != x0.shape[0])
            throw new ArgumentException($"Targets must be [{x0.shape[0]}], got [{string.Join(", ", targets.shape)}].");
        var sigma = _levels(x0.shape[0], generator);                                        // [B] float64
        var noise = randn(x0.shape, dtype: x0.dtype, generator: generator);
        var s = _parameterization.GetScalings(sigma);
        var x = x0 + sigma.to(x0.dtype).view(-1, 1, 1) * noise;                            // σ-space noisy trajectory
        var input = s.CIn.to(x0.dtype).view(-1, 1, 1) * x;                                 // = x_t of DDPM
        var obs = x0.narrow(2, _config.ActionDim, _config.ObservationDim);
        var known = inpaintGoal
            ? TrajectoryConditioning.StartAndGoal(_config, obs.select(1, 0), obs.select(1, _config.Horizon - 1))
            : TrajectoryConditioning.Start(_config, obs.select(1, 0));
        var predicted = value.forward(known.Apply(input), s.CNoise.to(x0.dtype)).squeeze(1); // [B]
        return (predicted - targets.to(x0.dtype)).square().mean();
    }

    /// <summary>
    /// Discounted return from every frame to the end of its episode, G_t = r_t + γ·G_{t+1} (G = r at an episode's last
    /// frame): the value target of a window starting at t.
    /// </summary>
    /// <param name="rewards">Reward per frame.</param>
    /// <param name="episodeRanges">Frame range [Start, End) of every episode, covering the frames.</param>
    /// <param name="discount">γ in (0, 1].</param>
    public static float[] ReturnsToGo(IReadOnlyList<float> rewards, IEnumerable<(int Start, int End)> episodeRanges, double discount)
    {
        if (discount is not (> 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(discount), discount, "γ must be in (0, 1].");
        var returns = new float[rewards.Count];
        foreach (var (start, end) in episodeRanges)
        {
            if (start < 0 || end > rewards.Count || start > end)
                throw new ArgumentException($"Episode range [{start}, {end}) lies outside the {rewards.Count} frames.");
            var g = 0.0;
            for (var t = end - 1; t >= start; t--) returns[t] = (float)(g = rewards[t] + discount * g);
        }
        return returns;
    }
}
