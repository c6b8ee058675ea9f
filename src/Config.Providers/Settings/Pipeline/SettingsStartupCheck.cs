using Config.Providers.Diagnostics;
using Config.Providers.Settings.Validation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Config.Providers.Settings.Pipeline;

/// <summary>
/// Validates every settings type registered with <c>AddSettings&lt;T&gt;</c> when the host starts, before any hosted
/// service runs, and fails the start with every problem of every type at once: one type's
/// <see cref="SettingsValidationException"/>, or a <see cref="SettingsStartupException"/> grouping several. It runs
/// from the host's lifetime (<see cref="SettingsCheckingLifetime"/>) before the host starts anything — a failure there
/// is not logged again by the host with its stack trace, and, unhandled, ends the process with exit code 2
/// (<see cref="StartupFailure"/>) — and, where no lifetime could be wrapped, as the first hosted service.
/// </summary>
internal sealed class SettingsStartupCheck(IEnumerable<SettingsStartupEntry> entries, IServiceProvider services) : IHostedLifecycleService
{
    private int passed;

    /// <summary>Validates every type once; throws the failure, marked as a start failure.</summary>
    public void ThrowIfInvalid()
    {
        if (Volatile.Read(ref passed) == 1)
        {
            return;
        }

        var failures = new List<OptionsValidationException>();
        foreach (var entry in entries)
        {
            try
            {
                entry.Resolve(services);
            }
            catch (OptionsValidationException e)
            {
                failures.Add(e);
            }
        }

        switch (failures.Count)
        {
            case 0:
                Volatile.Write(ref passed, 1);
                return;
            case 1:
                throw StartupFailure.Mark(failures[0], StartupFailure.InvalidSettings);
            default:
                throw StartupFailure.Mark(new SettingsStartupException(failures), StartupFailure.InvalidSettings);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        try
        {
            ThrowIfInvalid();
            return Task.CompletedTask;
        }
        catch (Exception e) when (e is OptionsValidationException or SettingsStartupException)
        {
            return Task.FromException(e);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
