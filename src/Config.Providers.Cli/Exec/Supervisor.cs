using System.Runtime.InteropServices;
using System.Threading.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Config.Providers.Cli.Exec;

/// <summary>
/// Runs the child with the configuration as its environment and keeps it current: on a change that alters a variable,
/// after the splay and the minimum interval, restarts it (or signals it); passes the signals it receives on to the
/// child; and ends with the child's exit code when the child ends on its own. Says what it does on standard error,
/// naming variables but never their values.
/// </summary>
internal sealed class Supervisor(IConfigurationRoot configuration, ExecEnvironment rendering, IReadOnlyList<string> command, ExecOptions options, TextWriter log, TimeProvider time)
{
    /// <summary>The exit code when the command cannot be started, as a shell reports "not found".</summary>
    public const int CannotStart = 127;

    private ChildProcess? current;

    public async Task<int> RunAsync(bool watch, CancellationToken cancellationToken)
    {
        var changes = Channel.CreateUnbounded<bool>(new UnboundedChannelOptions { SingleReader = true });
        using var subscription = watch ? ChangeToken.OnChange(configuration.GetReloadToken, () => changes.Writer.TryWrite(true)) : null;
        using var forwarding = ForwardSignals();
        var variables = Render();
        if (!TryStart(variables))
        {
            return CannotStart;
        }

        var started = time.GetTimestamp();
        try
        {
            while (true)
            {
                var child = current!;
                var changed = changes.Reader.WaitToReadAsync(cancellationToken).AsTask();
                await Task.WhenAny(child.Exited, changed);
                if (child.Exited.IsCompleted)
                {
                    return Ended(child);
                }

                await changed;   // throws when cancelled
                Drain(changes);
                var next = Render();
                if (Changed(variables, next).Count == 0)
                {
                    continue;
                }

                // Splay and minimum interval; the child may end meanwhile, and later changes join this one.
                var wait = options.MinimumInterval - time.GetElapsedTime(started);
                wait = (wait > TimeSpan.Zero ? wait : TimeSpan.Zero) + TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * options.Splay.TotalMilliseconds);
                if (wait > TimeSpan.Zero)
                {
                    await Task.WhenAny(child.Exited, Task.Delay(wait, time, cancellationToken));
                    if (child.Exited.IsCompleted)
                    {
                        return Ended(child);
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    Drain(changes);
                    next = Render();
                }

                var differ = Changed(variables, next);
                if (differ.Count == 0)
                {
                    continue;   // changed back while waiting
                }

                if (options.ReloadSignal is { } signal)
                {
                    log.WriteLine($"exec: {differ.Count} variable(s) changed ({string.Join(", ", differ)}); sending signal {signal} to pid {child.Id}");
                    child.Signal(signal);
                }
                else
                {
                    log.WriteLine($"exec: {differ.Count} variable(s) changed ({string.Join(", ", differ)}); restarting pid {child.Id}");
                    await child.StopAsync(options.KillTimeout);
                    child.Dispose();
                    if (!TryStart(next))
                    {
                        return CannotStart;
                    }
                }

                variables = next;
                started = time.GetTimestamp();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped from inside (tests, a host): the child goes too.
            await current!.StopAsync(options.KillTimeout);
            return Ended(current);
        }
        finally
        {
            current?.Dispose();
        }
    }

    private SortedDictionary<string, string> Render()
    {
        var (variables, refused, loader) = rendering.Render(configuration);
        if (refused.Count > 0)
        {
            log.WriteLine($"exec: {refused.Count} key(s) cannot be environment variables and are left out: {string.Join(", ", refused.Select(k => $"'{k}'"))}");
        }

        if (loader.Count > 0)
        {
            log.WriteLine($"exec: {string.Join(", ", loader)} would change which code the command loads and are left out (--allow-loader-variables passes them)");
        }

        return variables;
    }

    private bool TryStart(IReadOnlyDictionary<string, string> variables)
    {
        try
        {
            current = ChildProcess.Start(command, variables, options.Pristine);
            log.WriteLine($"exec: started {command[0]} (pid {current.Id}) with {variables.Count} configuration variable(s)");
            return true;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            log.WriteLine($"exec: cannot start {command[0]}: {e.Message}");
            return false;
        }
    }

    private int Ended(ChildProcess child)
    {
        log.WriteLine($"exec: {command[0]} (pid {child.Id}) exited with code {child.ExitCode}");
        return child.ExitCode;
    }

    /// <summary>SIGTERM, SIGINT, SIGQUIT and SIGHUP go to the child instead of ending this process; the child's end ends it.</summary>
    private IDisposable? ForwardSignals()
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var registrations = new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGQUIT, PosixSignal.SIGHUP }
            .Select(signal => PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                current?.Signal(Number(context.Signal));
            }))
            .ToList();
        return new Registrations(registrations);
    }

    private static int Number(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGTERM => Signals.Terminate,
        PosixSignal.SIGINT => Signals.Interrupt,
        PosixSignal.SIGQUIT => Signals.Quit,
        PosixSignal.SIGHUP => Signals.Hangup,
        _ => (int)signal,
    };

    private static void Drain(Channel<bool> changes)
    {
        while (changes.Reader.TryRead(out _))
        {
        }
    }

    /// <summary>The names of the variables added, removed or changed from <paramref name="before"/> to <paramref name="after"/>.</summary>
    private static List<string> Changed(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        [.. before.Keys.Union(after.Keys).Where(k => !before.TryGetValue(k, out var a) || !after.TryGetValue(k, out var b) || a != b)];

    private sealed class Registrations(List<PosixSignalRegistration> registrations) : IDisposable
    {
        public void Dispose() => registrations.ForEach(r => r.Dispose());
    }
}
