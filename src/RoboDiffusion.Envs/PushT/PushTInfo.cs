namespace RoboDiffusion.Envs.PushT;

/// <summary>Per-step diagnostics (the original's <c>info</c>): coverage and the contact points of the last step.</summary>
public readonly record struct PushTInfo(
    double Coverage,
    long ContactCount,
    (double X, double Y) AgentVelocity,
    (double X, double Y, double Angle) BlockPose,
    int Steps);
