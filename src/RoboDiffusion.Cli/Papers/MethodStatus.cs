namespace RoboDiffusion.Cli.Papers;

/// <summary>How far RoboDiffusion has come with a method of the literature.</summary>
internal enum MethodStatus
{
    /// <summary>In the library; the listed command runs it.</summary>
    Implemented,
    /// <summary>On the roadmap; the listed command is the one it will get.</summary>
    Planned,
}
