using BenchmarkDotNet.Running;

// Runs the suites chosen on the command line, for example
//   dotnet run -c Release -- --job short --filter '*SummaryBuilding*'
// See benchmarks/README.md. The exit code is 1 when a benchmark failed to build or run, so CI can fail on it.
// `dotnet run -c Release -- scale ...` runs the memory probe at scale instead (see ScaleProbe).
if (args.Length > 0 && args[0] == "scale")
{
    return ValueSegmentation.Benchmarks.ScaleProbe.Run(args[1..]);
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success)) ? 1 : 0;
