using Config.Providers.Settings.Validation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Config.Providers.Settings.Pipeline;

/// <summary>
/// Validates every settings type registered with <c>AddSettings&lt;T&gt;</c> when the host starts, before any hosted
/// service runs, and fails the start with every problem of every type at once: one type's
/// <see cref="SettingsValidationException"/>, or a <see cref="SettingsStartupException"/> grouping several.
/// </summary>
internal sealed class SettingsStartupCheck(IEnumerable<SettingsStartupEntry> entries, IServiceProvider services) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
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

        return failures.Count switch
        {
            0 => Task.CompletedTask,
            1 => Task.FromException(failures[0]),
            _ => Task.FromException(new SettingsStartupException(failures)),
        };
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
