using Spectre.Console;
using ValueSegmentation.Data;

namespace ValueSegmentation.Cli;

/// <summary>
/// A progress display for long work — bytes read, then the pipeline's stages — shown only on an interactive terminal
/// with table output (never in JSON output, redirected output or tests).
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Runs the work, with a display when the console is interactive.</summary>
    public static T Run<T>(IAnsiConsole console, OutputFormat format, Func<IProgress<ReadProgress>?, IProgress<SegmentationProgress>?, T> work)
    {
        if (format != OutputFormat.Table || !console.Profile.Capabilities.Interactive)
        {
            return work(null, null);
        }

        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var reading = context.AddTask("Reading");
                var analysing = context.AddTask("Analysing", autoStart: false, maxValue: Enum.GetValues<SegmentationStage>().Length);
                var read = new SynchronousProgress<ReadProgress>(p =>
                {
                    reading.MaxValue = Math.Max(1, p.TotalBytes);
                    reading.Value = p.Bytes;
                });
                var stages = new SynchronousProgress<SegmentationProgress>(p =>
                {
                    reading.Value = reading.MaxValue;
                    analysing.StartTask();
                    analysing.Description = $"Analysing: {p.Stage.ToString().ToLowerInvariant()}";
                    analysing.Value = (int)p.Stage;
                });
                var value = work(read, stages);
                analysing.Value = analysing.MaxValue;
                return value;
            });
    }

    /// <summary>Reports on the caller's thread (System.Progress posts to the thread pool, out of order).</summary>
    private sealed class SynchronousProgress<TValue>(Action<TValue> report) : IProgress<TValue>
    {
        public void Report(TValue value) => report(value);
    }
}
