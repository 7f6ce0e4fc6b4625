namespace RoboDiffusion.Cli.Bench;

/// <summary>OMP_WAIT_POLICY for both sides: how idle OpenMP threads wait at barriers (read once, when libtorch loads).</summary>
internal enum OmpWait
{
    /// <summary>Sleep: robust when other processes load the cores (spinning threads pre-empted stall every op).</summary>
    Passive,

    /// <summary>Spin: fastest on an otherwise idle machine.</summary>
    Active,

    /// <summary>Leave the environment as it is.</summary>
    Inherit,
}
