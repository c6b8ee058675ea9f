using Config.Providers;
using Config.Providers.Settings.ChangeFeed;
using Config.Providers.Settings.Diagnostics;
using Config.Providers.Settings.Pipeline;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers typed, validated, reload-safe settings.</summary>
public static class SettingsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <typeparamref name="T"/> from the configuration section <paramref name="sectionPath"/> with coercion,
    /// validates it (DataAnnotations on the whole tree, every FluentValidation <c>IValidator&lt;T&gt;</c> in DI, and
    /// any validation added to the returned builder) when the host starts and on every reload, and applies
    /// reloaded values only to <see cref="MutableAttribute">[Mutable]</see> settings.
    /// </summary>
    /// <typeparam name="T">The settings class or record.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="sectionPath">The configuration section, such as <c>"Orders"</c> or <c>"Orders:Database"</c>; empty for the root.</param>
    /// <param name="configure">Optional policies for this settings type.</param>
    /// <returns>The options builder, to add more configuration or validation in the framework's own way.</returns>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, string sectionPath, Action<SettingsOptions>? configure = null)
        where T : class
        => services.AddSettings<T>(Options.Options.DefaultName, sectionPath, configure);

    /// <summary>As <see cref="AddSettings{T}(IServiceCollection, string, Action{SettingsOptions}?)"/>, for named options.</summary>
    /// <typeparam name="T">The settings class or record.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The options name, as passed to <see cref="IOptionsMonitor{TOptions}.Get(string)"/>.</param>
    /// <param name="sectionPath">The configuration section; empty for the root.</param>
    /// <param name="configure">Optional policies for this settings type.</param>
    /// <returns>The options builder.</returns>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, string name, string sectionPath, Action<SettingsOptions>? configure = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(sectionPath);

        var options = new SettingsOptions();
        configure?.Invoke(options);

        // Fail at registration, not at first use, when the type cannot be bound at all.
        _ = Config.Providers.Settings.Binding.TypeShape.For(typeof(T)).Kind;

        services.AddOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SettingsMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton<SettingsChangeFeed>();
        services.TryAddSingleton<ISettingsChangeFeed>(sp => sp.GetRequiredService<SettingsChangeFeed>());
        services.TryAddSingleton<SettingsRegistry<T>>();
        services.TryAddSingleton<IOptionsFactory<T>, SettingsOptionsFactory<T>>();
        services.AddSingleton(new SettingsDefinition<T>(name, sectionPath, options));
        services.AddSingleton<IOptionsChangeTokenSource<T>>(sp => new SettingsChangeTokenSource<T>(name, sp.GetRequiredService<SettingsRegistry<T>>()));

        // Validated when the host starts, all types together, so the failure lists every problem once (not ValidateOnStart,
        // whose AggregateException repeats each type's one-line message).
        services.AddSingleton(new SettingsStartupEntry(sp => sp.GetRequiredService<IOptionsMonitor<T>>().Get(name)));
        if (!services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(SettingsStartupCheck)))
        {
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService, SettingsStartupCheck>());
        }

        return new OptionsBuilder<T>(services, name);
    }
}
