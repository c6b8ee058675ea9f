using Config.Providers.Settings.ChangeFeed;
using Config.Providers.Settings.Diagnostics;
using Config.Providers.Settings.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Config.Providers.Settings.Pipeline;

/// <summary>
/// What every settings pipeline of a host shares, injected into each type's registry by the container.
/// </summary>
/// <remarks>
/// One object handed down, rather than each pipeline asking the provider for each service: the container compiles a
/// service's resolver (Reflection.Emit, all of its IL emitter JIT-compiled) the second time the provider is asked for
/// it, which five settings types asking for seven services each did at every start (docs/benchmarks.md, "Startup").
/// </remarks>
internal sealed class SettingsServices(
    IServiceProvider provider,
    IConfiguration configuration,
    SettingsChangeFeed feed,
    SettingsMetrics metrics,
    IServiceScopeFactory scopes,
    RegisteredValidators validators,
    TimeProvider? time = null,
    ILoggerFactory? loggers = null)
{
    /// <summary>The root provider, for what each settings type resolves for itself (its setups and validators).</summary>
    public IServiceProvider Provider { get; } = provider;

    /// <summary>The host's configuration.</summary>
    public IConfiguration Configuration { get; } = configuration;

    /// <summary>The change feed.</summary>
    public SettingsChangeFeed Feed { get; } = feed;

    /// <summary>The settings counters.</summary>
    public SettingsMetrics Metrics { get; } = metrics;

    /// <summary>Scopes for FluentValidation validators.</summary>
    public IServiceScopeFactory Scopes { get; } = scopes;

    /// <summary>Which FluentValidation validators are registered.</summary>
    public RegisteredValidators Validators { get; } = validators;

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; } = time ?? TimeProvider.System;

    /// <summary>The settings pipeline's logger.</summary>
    public ILogger Logger { get; } = loggers?.CreateLogger("Config.Providers.Settings") ?? NullLogger.Instance;
}
