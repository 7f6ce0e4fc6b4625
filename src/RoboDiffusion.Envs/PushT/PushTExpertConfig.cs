namespace RoboDiffusion.Envs.PushT;

/// <summary>Tuning of <see cref="PushTExpert"/>; speeds are in pixels per control step (10 Hz).</summary>
public sealed record PushTExpertConfig
{
    /// <summary>Target speed while moving to a contact (20 px/step = 200 px/s).</summary>
    public double ApproachSpeed { get; init; } = 20;

    /// <summary>Target speed while pushing.</summary>
    public double PushSpeed { get; init; } = 10;

    /// <summary>Candidate push lengths after contact.</summary>
    public IReadOnlyList<double> PushLengths { get; init; } = [5, 12, 25, 50, 90];

    /// <summary>Spacing of candidate contact points along the T's outline.</summary>
    public double ContactSpacing { get; init; } = 12;

    /// <summary>Radius of the circle around the block's centre of gravity that approach paths follow.</summary>
    public double OrbitRadius { get; init; } = 100;

    /// <summary>Cost per control step, in pixels of mean keypoint error: prefers quick primitives.</summary>
    public double StepCost { get; init; } = 0.1;
}
