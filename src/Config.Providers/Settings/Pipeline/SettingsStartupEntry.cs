using Config.Providers.Settings.Binding;

namespace Config.Providers.Settings.Pipeline;

/// <summary>
/// One settings type and name registered with <c>AddSettings</c>: validated when the host starts, checked without
/// starting (<c>--check-config</c>), described for editors (<c>--settings-schema</c>).
/// </summary>
/// <param name="SectionPath">The configuration section bound.</param>
/// <param name="Shape">How the type is bound (generated or reflected).</param>
/// <param name="Resolve">Builds (or returns) the running value; throws <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> when invalid.</param>
/// <param name="Check">Builds a candidate and says what is wrong with it, without throwing or keeping it.</param>
internal sealed record SettingsStartupEntry(string SectionPath, TypeShape Shape, Func<IServiceProvider, object> Resolve, Func<IServiceProvider, SettingsCheck> Check);
