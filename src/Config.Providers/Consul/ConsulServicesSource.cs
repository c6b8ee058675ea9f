using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Config.Providers.Consul;

/// <summary>
/// The services this one depends on, from Consul's health API (passing instances only), as service endpoints in
/// configuration. Startup waits until each has a passing instance, or fails naming what is missing.
/// </summary>
internal sealed class ConsulServicesSource : IConfigurationSource
{
    /// <summary>Where Consul is.</summary>
    public ConsulClientOptions Client { get; set; } = new();

    /// <summary>How Consul was found, for messages.</summary>
    public string ClientOrigin { get; set; } = "options";

    /// <summary>The services required, such as <c>rabbitmq</c> and <c>postgres</c>.</summary>
    public IList<string> Services { get; } = [];

    /// <summary>How long startup waits for every service to have a passing instance. Default: 60 s.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether to keep following instances with blocking queries. Default: true.</summary>
    public bool ReloadOnChange { get; set; } = true;

    /// <summary>How long a blocking query waits at most. Default: 1 minute.</summary>
    public TimeSpan WaitTime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The clock for waits and backoff.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where progress is logged.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <inheritdoc />
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new ConsulServicesProvider(this);
}
