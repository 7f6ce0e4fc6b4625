namespace RoboDiffusion.Tests.Cli;

/// <summary>Tests that redirect the process-wide Console run alone, so their captures never mix.</summary>
[CollectionDefinition("Console", DisableParallelization = true)]
public sealed class ConsoleCollection;
