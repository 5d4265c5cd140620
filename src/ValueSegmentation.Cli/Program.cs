using Spectre.Console;
using ValueSegmentation.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return VsegApp.Run(args, AnsiConsole.Console, Console.Error, cancellationToken: cancellation.Token);
