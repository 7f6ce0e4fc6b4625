using RoboDiffusion.Diffusion;
using RoboDiffusion.Diffusion.Guidance;
using RoboDiffusion.Nn;
using static TorchSharp.torch;

namespace RoboDiffusion.Planners.Diffuser;

/// <summary>
/// Diffuser's goal conditioning (Janner et al. 2022, §3.3; diffuser/models/helpers.py apply_conditioning): the
/// observation channels of the first and last transitions are overwritten with the known start and goal. Diffuser writes
/// them into the network's noisy input x_t (unscaled) and into its x₀ prediction, in training (p_losses) and after every
/// sampling step, so the loss on the known entries is zero and the planner never moves them.
/// </summary>
public static class TrajectoryConditioning
{
    /// <summary>The start (t = 0) and goal (t = H − 1) constraint on normalized trajectories [B, H, Da + Ds].</summary>
    /// <param name="config">The planner's config.</param>
    /// <param name="starts">Normalized observations [B, Ds].</param>
    /// <param name="goals">Normalized observations [B, Ds].</param>
    /// <param name="horizon">Plan length, the goal at its last step; null = the config's horizon.</param>
    public static Inpainting StartAndGoal(DiffuserConfig config, Tensor starts, Tensor goals, int? horizon = null) =>
        StartAndGoal(horizon ?? config.Horizon, config.TransitionDim, config.ActionDim, starts, goals);

    /// <summary>
    /// The start and goal constraint on any normalized trajectories [B, H, D] whose states occupy channels
    /// [firstChannel, D) (Diffuser: after the actions; Motion Planning Diffusion: all of them, firstChannel 0).
    /// </summary>
    /// <param name="horizon">H.</param>
    /// <param name="transitionDim">D, channels per timestep.</param>
    /// <param name="firstChannel">First state channel.</param>
    /// <param name="starts">Normalized states [B, D − firstChannel].</param>
    /// <param name="goals">Normalized states [B, D − firstChannel].</param>
    public static Inpainting StartAndGoal(int horizon, int transitionDim, int firstChannel, Tensor starts, Tensor goals)
    {
        Check(starts, transitionDim - firstChannel, "starts");
        Check(goals, transitionDim - firstChannel, "goals");
        if (starts.shape[0] != goals.shape[0])
            throw new ArgumentException($"{starts.shape[0]} starts but {goals.shape[0]} goals: give one goal per start.");
        return Inpainting.AtTimesteps(horizon, transitionDim,
            new Dictionary<int, Tensor> { [0] = starts, [-1] = goals }, firstChannel: firstChannel);
    }

    /// <summary>
    /// The start-only constraint (t = 0) on normalized trajectories [B, H, Da + Ds]: the last observation is left to the
    /// planner, as Diffuser's locomotion and value datasets condition ({0: s₀}); value guidance then chooses where the plan goes.
    /// </summary>
    /// <param name="config">The planner's config.</param>
    /// <param name="starts">Normalized observations [B, Ds].</param>
    /// <param name="horizon">Plan length; null = the config's horizon.</param>
    public static Inpainting Start(DiffuserConfig config, Tensor starts, int? horizon = null)
    {
        Check(starts, config.ObservationDim, "starts");
        return Inpainting.AtTimesteps(horizon ?? config.Horizon, config.TransitionDim, new Dictionary<int, Tensor> { [0] = starts },
            firstChannel: config.ActionDim);
    }

    /// <summary>
    /// The network with the constraint imposed on its input (the VP-scaled noisy trajectory) and on its x₀ output, as
    /// Diffuser's apply_conditioning before and after the model. Only meaningful for x₀-prediction.
    /// </summary>
    public static NetworkFn Conditioned(NetworkFn network, Inpainting known) =>
        (input, noiseLevel, cond) => known.Apply(network(known.Apply(input), noiseLevel, cond));

    /// <summary>
    /// The checks every inpainting trajectory planner (Diffuser, MPD) makes of its network: a horizon with a start and a
    /// goal, a U-Net whose channels are the trajectory's <paramref name="width"/> (<paramref name="widthName"/>), no
    /// global condition (the start and goal arrive by inpainting), and a horizon the U-Net's halvings accept.
    /// </summary>
    public static void ValidateNetwork(ConditionalUnet1DConfig unet, int horizon, int width, string widthName, string method)
    {
        if (horizon < 2) throw new ArgumentException($"Horizon must be ≥ 2 (start and goal), got {horizon}.");
        if (unet.InputDim != width) throw new ArgumentException($"Unet.InputDim {unet.InputDim} must equal {widthName} = {width}.");
        if (unet.GlobalCondDim != 0) throw new ArgumentException($"{method} conditions by inpainting only: Unet.GlobalCondDim must be 0.");
        unet.Validated();
        unet.ValidateHorizon(horizon);
    }

    private static void Check(Tensor x, int dim, string name)
    {
        if (x.dim() != 2 || x.shape[1] != dim)
            throw new ArgumentException($"{name} must be [B, {dim}], got [{string.Join(", ", x.shape)}].");
        if (x.isnan().any().item<bool>()) throw new ArgumentException($"{name} contains NaN.");
    }
}
