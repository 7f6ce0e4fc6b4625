namespace RoboDiffusion.Training;

/// <summary>How the trainer shows progress.</summary>
public enum ProgressMode
{
    /// <summary>A live bar on an interactive terminal, plain periodic lines when output is redirected.</summary>
    Auto,

    /// <summary>Always the live Spectre.Console bar.</summary>
    Live,

    /// <summary>One plain line every LogEvery steps.</summary>
    Plain,

    /// <summary>Nothing (tests, library use).</summary>
    None,
}
