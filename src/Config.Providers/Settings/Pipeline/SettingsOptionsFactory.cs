using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace Config.Providers.Settings.Pipeline;

/// <summary>
/// Replaces the options factory for a settings type: names declared with <c>AddSettings</c> get the pipeline's
/// running value (so <see cref="IOptionsMonitor{TOptions}"/> never sees an invalid or unapplied one); other names
/// are built by the framework's own factory as usual.
/// </summary>
internal sealed class SettingsOptionsFactory<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(
    SettingsRegistry<T> registry,
    IEnumerable<IConfigureOptions<T>> setups,
    IEnumerable<IPostConfigureOptions<T>> postConfigures,
    IEnumerable<IValidateOptions<T>> validations) : IOptionsFactory<T>
    where T : class
{
    private readonly OptionsFactory<T> fallback = new(setups, postConfigures, validations);

    public T Create(string name) => registry.IsDeclared(name) ? registry.Get(name).Current : fallback.Create(name);
}
