using System.Diagnostics;

namespace ValueSegmentation.Cli.Tests;

/// <summary>The built tool run as a separate process, as a user or a scheduler runs it: real standard streams and exit codes.</summary>
public sealed class ProcessTests
{
    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vseg.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "vseg did not finish");
        return (process.ExitCode, output.Result, error.Result);
    }

    [Fact]
    public void Vseg_analyze_runs_on_the_embedded_sample_and_exits_with_0()
    {
        var (code, output, error) = Run("analyze");
        Assert.True(code == 0, error);
        Assert.Contains("CDNOW_sample.txt (embedded sample): 6,919 rows read = 6,919 used + 0 rejected", output, StringComparison.Ordinal);
        Assert.Contains("Highest value", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Exit_codes_are_1_for_bad_input_and_2_for_usage_errors_with_the_message_on_standard_error()
    {
        var missing = Run("analyze", "no-such-file.csv");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("vseg: The input file 'no-such-file.csv' does not exist.", missing.Error, StringComparison.Ordinal);
        Assert.Empty(missing.Output);

        var usage = Run("analyze", "--strategy", "astrology");
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("'astrology' is not one of", usage.Error, StringComparison.Ordinal);
    }
}
