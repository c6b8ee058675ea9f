using Config.Providers.Cli.Commands;

using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopping.Cancel();
};

return await CliApplication.RunAsync(args, Console.Out, Console.Error, stopping.Token);
