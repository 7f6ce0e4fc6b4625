namespace RoboDiffusion.Planners.Diffuser;

/// <summary>
/// What a trained value network (<see cref="DiffuserValue"/>) is: the planner config it mirrors (horizon, transition
/// widths, U-Net sizes of Diffuser's ValueFunction) and the return it estimates, Σ_k γ^k r_{t+k} over the dataset's
/// <see cref="RewardKey"/> column (Janner et al. 2022, §3.2; diffuser/datasets/sequence.py ValueDataset, discount 0.99).
/// Written as the "model" section of every value checkpoint's config.json.
/// </summary>
public sealed record ValueModelConfig
{
    public DiffuserConfig Planner { get; init; } = new();          // the planner whose trajectories the value scores
    public string RewardKey { get; init; } = "next.reward";       // the reward column of the training data
    public double Discount { get; init; } = 0.99;                  // γ of the returns-to-go
    public bool InpaintGoal { get; init; }                         // false: only the start is inpainted (ValueDataset's {0: s₀})

    /// <summary>Checks every field; returns this.</summary>
    public ValueModelConfig Validated()
    {
        Planner.Validated();
        if (string.IsNullOrWhiteSpace(RewardKey)) throw new ArgumentException("'reward_key' must name the dataset's reward column.");
        if (Discount is not (> 0 and <= 1)) throw new ArgumentException($"'discount' must be in (0, 1], got {Discount}.");
        return this;
    }
}
