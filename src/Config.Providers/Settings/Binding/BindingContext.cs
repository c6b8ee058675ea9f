using Config.Providers.Settings.Provenance;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Settings.Binding;

/// <summary>The state of one bind: problems found so far and the raw values read.</summary>
internal sealed class BindingContext(IConfiguration origins, UnknownKeyPolicy unknownKeys)
{
    public List<SettingsProblem> Problems { get; } = [];

    public List<SettingsProblem> Warnings { get; } = [];

    public RawSnapshot Raw { get; } = new();

    public UnknownKeyPolicy UnknownKeys { get; } = unknownKeys;

    /// <summary>How deep the binder is; a recursive settings type over a very deep key must not overflow the stack.</summary>
    public int Depth { get; set; }

    public void Problem(string key, string message) => Problems.Add(new SettingsProblem(key, message, ConfigurationOrigins.Describe(origins, key)));

    public void Warning(string key, string message) => Warnings.Add(new SettingsProblem(key, message, ConfigurationOrigins.Describe(origins, key)));
}
