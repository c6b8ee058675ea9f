namespace Config.Providers.Settings.Pipeline;

/// <summary>One settings type and name to validate when the host starts, or to check without starting (<c>--check-config</c>).</summary>
/// <param name="Resolve">Builds (or returns) the running value; throws <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> when invalid.</param>
/// <param name="Check">Builds a candidate and says what is wrong with it, without throwing or keeping it.</param>
internal sealed record SettingsStartupEntry(Func<IServiceProvider, object> Resolve, Func<IServiceProvider, SettingsCheck> Check);
