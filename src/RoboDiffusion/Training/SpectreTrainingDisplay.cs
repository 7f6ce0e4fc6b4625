using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace RoboDiffusion.Training;

/// <summary>
/// A live Spectre.Console progress bar with loss, learning rate, it/s and time remaining. The bar renders on Spectre's
/// own thread while training runs on the caller's; the description is refreshed at most ten times a second.
/// </summary>
public sealed class SpectreTrainingDisplay(IAnsiConsole console) : ITrainingDisplay
{
    private readonly Stopwatch _sinceRefresh = new();
    private TaskCompletionSource _done = new();
    private Task? _run;
    private ProgressTask? _task;

    public SpectreTrainingDisplay() : this(AnsiConsole.Console) { }

    public void Start(long firstStep, long totalSteps)
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ready = new TaskCompletionSource<ProgressTask>(TaskCreationOptions.RunContinuationsAsynchronously);
        _run = Task.Run(() => console.Progress().AutoClear(false).HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("training", maxValue: totalSteps);
                task.Value = firstStep;
                ready.SetResult(task);
                await _done.Task;
            }));
        Task.WaitAny(ready.Task, _run);
        if (!ready.Task.IsCompleted) _run.GetAwaiter().GetResult();   // rethrows why the display could not start
        _task = ready.Task.Result;
        _sinceRefresh.Restart();
    }

    public void Tick(TrainTick t)
    {
        if (_task is null) return;
        _task.Value = t.Step;
        if (_sinceRefresh.ElapsedMilliseconds < 100 && t.Step != t.TotalSteps) return;
        _sinceRefresh.Restart();
        _task.Description = string.Create(CultureInfo.InvariantCulture,
            $"loss {t.Loss:G4} · lr {t.LearningRate:0.00e+00} · {t.ItersPerSecond:F1} it/s");
    }

    public void Note(string message) => console.MarkupLine(Markup.Escape(message));

    public void Stop()
    {
        _done.TrySetResult();
        _run?.GetAwaiter().GetResult();
        _run = null;
        _task = null;
    }
}
