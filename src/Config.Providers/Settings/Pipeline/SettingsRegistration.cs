using System.Diagnostics.CodeAnalysis;
using Config.Providers.Settings.Binding;
using Config.Providers.Settings.ChangeFeed;
using Config.Providers.Settings.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Config.Providers.Settings.Pipeline;

/// <summary>
/// What every <c>AddSettings&lt;T&gt;</c> registers, whichever way the settings type was described (by the
/// source generator or by reflection).
/// </summary>
internal static class SettingsRegistration
{
    public static OptionsBuilder<T> Add<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(IServiceCollection services, string name, string sectionPath, Action<SettingsOptions>? configure, TypeShape shape)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(sectionPath);

        var options = new SettingsOptions();
        configure?.Invoke(options);

        services.AddOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SettingsMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton<SettingsChangeFeed>();
        services.TryAddSingleton(new Validation.RegisteredValidators(services));
        services.TryAddSingleton<ISettingsChangeFeed>(sp => sp.GetRequiredService<SettingsChangeFeed>());
        services.TryAddSingleton<SettingsServices>();
        services.TryAddSingleton<SettingsRegistry<T>>();
        services.TryAddSingleton<IOptionsFactory<T>, SettingsOptionsFactory<T>>();
        var definition = new SettingsDefinition<T>(name, sectionPath, options, shape);
        services.AddSingleton(definition);
        services.AddSingleton<IOptionsChangeTokenSource<T>>(sp => new SettingsChangeTokenSource<T>(name, sp.GetRequiredService<SettingsRegistry<T>>()));

        // Validated when the host starts, all types together, so the failure lists every problem once (not ValidateOnStart,
        // whose AggregateException repeats each type's one-line message).
        services.AddSingleton(new SettingsStartupEntry(sectionPath, shape, sp => sp.GetRequiredService<IOptionsMonitor<T>>().Get(name), sp => SettingsCheck.Run(definition, sp)));
        if (!services.Any(d => d.ServiceType == typeof(SettingsStartupCheck)))
        {
            services.AddSingleton<SettingsStartupCheck>();
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(sp => sp.GetRequiredService<SettingsStartupCheck>()));
            SettingsCheckingLifetime.Wrap(services);
        }

        return new OptionsBuilder<T>(services, name);
    }
}
