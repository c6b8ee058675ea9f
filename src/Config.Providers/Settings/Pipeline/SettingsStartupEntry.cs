using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Config.Providers.Settings.Pipeline;

/// <summary>One settings type and name to validate when the host starts.</summary>
/// <param name="Resolve">Builds (or returns) the running value; throws <see cref="OptionsValidationException"/> when invalid.</param>
internal sealed record SettingsStartupEntry(Func<IServiceProvider, object> Resolve);
