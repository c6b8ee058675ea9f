using Microsoft.Extensions.Configuration;

namespace Config.Providers.Core;

/// <summary>
/// The providers of a configuration, lowest precedence first, looking through chained configurations
/// (<c>AddServiceDiscovery</c> puts its sources behind one chained provider): what the health check, <c>--check-config</c>
/// and the inspector list.
/// </summary>
internal static class LeafProviders
{
    public static IEnumerable<IConfigurationProvider> Of(IConfigurationRoot root) =>
        root.Providers.SelectMany(provider => provider is ChainedConfigurationProvider { Configuration: IConfigurationRoot inner }
            ? Of(inner)
            : [provider]);
}
