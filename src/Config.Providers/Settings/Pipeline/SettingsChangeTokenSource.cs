using Config.Providers.Settings.ChangeFeed;
using Microsoft.Extensions.Options;

namespace Config.Providers.Settings.Pipeline;

/// <summary>Tells <see cref="IOptionsMonitor{TOptions}"/> to refresh only when a reload applied mutable changes.</summary>
internal sealed class SettingsChangeTokenSource<T>(string name, SettingsRegistry<T> registry) : IOptionsChangeTokenSource<T>, IAppliedChangeTokenSource
    where T : class
{
    public string? Name => name;

    public Microsoft.Extensions.Primitives.IChangeToken GetChangeToken() => registry.Get(name).ChangeToken;
}
