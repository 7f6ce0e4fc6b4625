using RoboDiffusion.Diffusion;
using RoboDiffusion.Diffusion.Denoisers;
using RoboDiffusion.Diffusion.Losses;
using RoboDiffusion.Diffusion.Schedules;
using RoboDiffusion.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace RoboDiffusion.Tests.Nn;

/// <summary>
/// The shared "does this denoiser network learn" check: 8 phase-shifted circles of 8 steps, conditioned on their phase,
/// trained 200 steps with ε-prediction (Diffusion Policy's squaredcos_cap_v2, 100 steps). A network predicting ε = 0
/// scores E‖ε‖² = 1; the evaluation loss uses the same σ and ε draws before and after training.
/// </summary>
internal static class TinyEpsilonTraining
{
    /// <summary>x₀ [8, 8, 2] and the phase condition [8, 2].</summary>
    public static (Tensor X0, Tensor Cond) Circles()
    {
        var phase = linspace(0, 2 * Math.PI, 9)[..8].unsqueeze(1);                          // [8, 1]
        var angle = phase + linspace(0, 2 * Math.PI * 7 / 8, 8).unsqueeze(0);               // [8, T]
        return (stack([angle.cos(), angle.sin()], 2), cat([phase.cos(), phase.sin()], 1)); // [8, T, 2], [8, 2]
    }

    /// <summary>Trains <paramref name="net"/> on (x0, cond) and returns the evaluation loss before and after.</summary>
    public static (double Before, double After) Run(nn.Module net, NetworkFn fn, Tensor x0, Tensor cond)
    {
        var objective = DiffusionObjectives.Create(new ObjectiveConfig
        {
            Parameterization = Parameterization.Epsilon,
            Schedule = new DiscreteScheduleConfig { NumTrainTimesteps = 100, Schedule = BetaSchedule.SquaredcosCapV2 },
        });
        var evalX = x0.repeat(32, 1, 1);
        var evalC = cond.repeat([32, .. Enumerable.Repeat(1L, (int)cond.dim() - 1)]);
        double EvalLoss()
        {
            net.eval();
            using var _ = no_grad();
            using var g = new Generator(7);
            return objective.Loss(fn, evalX, evalC, g).mean().item<float>();
        }
        var before = EvalLoss();
        LossFn<Tensor[]> loss = (b, g) => objective.Loss(fn, b[0], b[1], g).mean();
        using var trainer = new Trainer<Tensor[]>(net, loss, new RandomRowBatches(16, x0, cond), new TrainConfig
        {
            Steps = 200, LearningRate = 1e-3, WarmupSteps = 20, UseEma = false, LogEvery = 100, Progress = ProgressMode.None,
        });
        trainer.Run();
        return (before, EvalLoss());
    }
}
