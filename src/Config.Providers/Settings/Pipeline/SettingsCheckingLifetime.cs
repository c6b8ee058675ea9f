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
internal sealed class SettingsCheckingLifetime : IHostLifetime, IDisposable
{
    private readonly IHostLifetime inner;
    private readonly SettingsStartupCheck check;
    private readonly bool ownsInner;

    public SettingsCheckingLifetime(Wrapped wrapped, SettingsStartupCheck check, IServiceProvider services)
    {
        (inner, ownsInner) = wrapped.Create(services);
        this.check = check;
    }

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
    /// Disposes a lifetime its registration's factory made here, as the container would have (the console lifetime's
    /// disposal removes its signal and process-exit handlers); one registered by type the container disposes itself.
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
    /// <remarks>
    /// Everything is built by the container from plain registrations, which every container supports: the wrapper by
    /// type, and a lifetime registered by type (the console lifetime) registered as its own type too, so the container
    /// constructs it through its call sites and disposes it. Not <c>ActivatorUtilities</c>, which asks the provider for
    /// each constructor parameter: the host's own services were asked for twice, and the container compiles a resolver
    /// (Reflection.Emit) for a service asked for twice (see <see cref="SettingsServices"/>).
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
        services.AddSingleton(new Wrapped(original));
        if (original.ImplementationType is { } type)
        {
            services.Add(new ServiceDescriptor(type, type, original.Lifetime));
        }
    }

    /// <summary>The registration of the lifetime that was wrapped, and how to get the lifetime from it.</summary>
    internal sealed class Wrapped(ServiceDescriptor original)
    {
        /// <summary>The lifetime, and whether the wrapper made it (and so disposes it).</summary>
        public (IHostLifetime Lifetime, bool Owned) Create(IServiceProvider services)
        {
            if (original.ImplementationInstance is { } instance)
            {
                return ((IHostLifetime)instance, false);
            }

            if (original.ImplementationFactory is { } factory)
            {
                return ((IHostLifetime)factory(services), true);
            }

            return ((IHostLifetime)services.GetRequiredService(original.ImplementationType!), false);
        }
    }
}
