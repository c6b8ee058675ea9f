using System.Diagnostics;

namespace Config.Providers.Cli.Exec;

/// <summary>
/// The command <c>exec</c> runs, with the rendered variables over (or, <c>--pristine</c>, instead of) this process's
/// environment, sharing its standard input, output and error.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process process;

    private ChildProcess(Process process)
    {
        this.process = process;
        Exited = process.WaitForExitAsync();
    }

    /// <summary>Completes when the child has exited.</summary>
    public Task Exited { get; }

    public int ExitCode => process.ExitCode;

    public int Id => process.Id;

    /// <exception cref="System.ComponentModel.Win32Exception">The command cannot be started (not found, not executable).</exception>
    public static ChildProcess Start(IReadOnlyList<string> command, IReadOnlyDictionary<string, string> variables, bool pristine)
    {
        var start = new ProcessStartInfo(command[0]) { UseShellExecute = false };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        if (pristine)
        {
            start.Environment.Clear();
        }

        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }

        return new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException($"{command[0]} did not start"));
    }

    /// <summary>Passes <paramref name="signal"/> on; false when the child is gone.</summary>
    public bool Signal(int signal) => !process.HasExited && Signals.Send(process.Id, signal);

    /// <summary>Asks the child to stop (<c>SIGTERM</c>), and kills it when it has not within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (process.HasExited)
        {
            return;
        }

        Signal(Signals.Terminate);
        try
        {
            await Exited.WaitAsync(grace);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await Exited;
        }
    }

    public void Dispose() => process.Dispose();
}
