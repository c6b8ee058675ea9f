using Config.Providers.Core;
using Config.Providers.Files;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Consul;

/// <summary>A Consul value that cannot become configuration. Names the key, never the value.</summary>
public sealed class ConsulValueException(string key, string reason) : Exception($"Consul key '{key}': {reason}")
{
    /// <summary>The Consul key.</summary>
    public string Key { get; } = key;
}
