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
internal sealed class SettingsCheckingLifetime(
    [FromKeyedServices(SettingsCheckingLifetime.WrappedKey)] IHostLifetime inner,
    SettingsStartupCheck check) : IHostLifetime
{
    /// <summary>The key the wrapped lifetime is registered under, so the container builds (and disposes) it as before.</summary>
    internal const string WrappedKey = "Config.Providers.WrappedHostLifetime";

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
    /// Wraps the lifetime registered last (the one the host resolves). A lifetime registered after this (a later
    /// <c>UseSystemd()</c>) takes its place, and the settings are then validated by the first hosted service instead.
    /// </summary>
    /// <remarks>
    /// The wrapped registration moves, unchanged, to a key, and the container injects it: it constructs the lifetime
    /// and its dependencies through its own call sites (not <c>ActivatorUtilities</c>, which asks the provider for each
    /// parameter, so the host's own services were asked for twice — see <see cref="SettingsServices"/>) and disposes
    /// it with the host, as it would have unwrapped.
    /// </remarks>
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
        services[index] = ServiceDescriptor.Singleton<IHostLifetime, SettingsCheckingLifetime>();
        services.Add(Keyed(original));
    }

    private static ServiceDescriptor Keyed(ServiceDescriptor original)
    {
        if (original.ImplementationInstance is { } instance)
        {
            return new ServiceDescriptor(typeof(IHostLifetime), WrappedKey, instance);
        }

        if (original.ImplementationFactory is { } factory)
        {
            return new ServiceDescriptor(typeof(IHostLifetime), WrappedKey, (sp, _) => factory(sp), original.Lifetime);
        }

        return new ServiceDescriptor(typeof(IHostLifetime), WrappedKey, original.ImplementationType!, original.Lifetime);
    }
}
