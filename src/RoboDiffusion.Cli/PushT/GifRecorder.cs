using RoboDiffusion.Envs.PushT;
using RoboDiffusion.Envs.Rendering;

namespace RoboDiffusion.Cli.PushT;

/// <summary>Keeps a rendered frame of every observation (reset and after each step) for an animated GIF.</summary>
internal sealed class GifRecorder(int size = 256) : IRolloutRecorder
{
    private readonly List<Frame> _frames = [];

    public IReadOnlyList<Frame> Frames => _frames;

    public void Observe(PushTEnv env, PushTObservation observation) => _frames.Add(env.Render(size));

    public void Record(double[] action, PushTStepResult result, bool done) { }
}
