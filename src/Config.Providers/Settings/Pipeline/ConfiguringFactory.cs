using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace Config.Providers.Settings.Pipeline;

/// <summary>
/// The options framework's own factory, used for its Configure/PostConfigure steps (named and unnamed, in the
/// framework's order) on an instance the settings binder already made; validation is left to the settings builder,
/// which collects every problem with its key instead of throwing at the first.
/// </summary>
internal sealed class ConfiguringFactory<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(IEnumerable<IConfigureOptions<T>> setups, IEnumerable<IPostConfigureOptions<T>> postConfigures, T bound)
    : OptionsFactory<T>(setups, postConfigures, [])
    where T : class
{
    protected override T CreateInstance(string name) => bound;
}
