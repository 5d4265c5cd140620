using BenchmarkDotNet.Running;

// Runs the suites chosen on the command line, for example
//   dotnet run -c Release -- --job short --filter '*SummaryBuilding*'
// See benchmarks/README.md. The exit code is 1 when a benchmark failed to build or run, so CI can fail on it.
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success)) ? 1 : 0;
