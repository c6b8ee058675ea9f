using Config.Providers.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Config.Providers.Settings.Pipeline;

/// <summary>
/// The host's own lifetime (console, systemd, Windows service …), with the settings validated before it is asked
/// whether to start: the host asks its lifetime before it starts any hosted service and does not log a failure there,
/// so invalid settings stop the start with one report — no hosted service started, no "Hosting failed to start" with
/// a stack trace — and the lifetime's signal handlers are not yet installed when the process ends.
/// </summary>
internal sealed class SettingsCheckingLifetime(IHostLifetime inner, SettingsStartupCheck check, bool ownsInner) : IHostLifetime, IDisposable
{
    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        // A one-shot command (--check-config) reports the problems itself: validating here would end it first.
        if (inner is not ICommandLifetime)
        {
            check.ThrowIfInvalid();
        }

        return inner.WaitForStartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => inner.StopAsync(cancellationToken);

    /// <summary>
    /// Disposes the lifetime made here, as the container would have: the console lifetime's disposal removes its
    /// signal and process-exit handlers (and releases the exit handler that waits for the host to be disposed).
    /// </summary>
    public void Dispose()
    {
        if (ownsInner)
        {
            (inner as IDisposable)?.Dispose();
        }
    }

    /// <summary>
    /// Wraps the lifetime registered last (the one the host resolves). A lifetime registered after this (a later
    /// <c>UseSystemd()</c>) takes its place, and the settings are then validated by the first hosted service instead.
    /// </summary>
    public static void Wrap(IServiceCollection services)
    {
        var index = -1;
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(IHostLifetime) && !services[i].IsKeyedService)
            {
                index = i;
                break;
            }
        }

        if (index < 0)
        {
            return;   // no host (a bare ServiceCollection): the hosted service validates
        }

        var original = services[index];
        services[index] = ServiceDescriptor.Singleton<IHostLifetime>(sp => new SettingsCheckingLifetime(
            (IHostLifetime)(original.ImplementationInstance
                ?? original.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!)),
            sp.GetRequiredService<SettingsStartupCheck>(),
            ownsInner: original.ImplementationInstance is null));
    }
}
