using RoboDiffusion.Envs.PushT;

namespace RoboDiffusion.Cli.PushT;

/// <summary>
/// Makes a fresh policy for one episode. Episodes run in parallel, so each gets its own instance; the episode's reset
/// seed lets stochastic policies be reproducible per episode. Policies that are <see cref="IDisposable"/> are disposed
/// when their episode ends.
/// </summary>
internal delegate IPushTPolicy PushTPolicyFactory(long episodeSeed);
