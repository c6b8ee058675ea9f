using Microsoft.Extensions.Configuration;

namespace Config.Providers.Tests.Support;

/// <summary>An in-memory configuration provider whose data a test changes and then reloads, as a file or Consul provider would.</summary>
public sealed class ReloadableMemoryConfiguration : ConfigurationProvider, IConfigurationSource
{
    public ReloadableMemoryConfiguration(IDictionary<string, string?> initial)
    {
        foreach (var (key, value) in initial)
        {
            Data[key] = value;
        }
    }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    /// <summary>Replaces values (null removes the key) and signals a reload.</summary>
    public void Change(params (string Key, string? Value)[] changes)
    {
        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                Data.Remove(key);
            }
            else
            {
                Data[key] = value;
            }
        }

        OnReload();
    }

    /// <summary>Signals a reload without changing anything.</summary>
    public void Touch() => OnReload();

    public override string ToString() => "test source";
}
