using Microsoft.Extensions.Configuration;

namespace Config.Providers.Discovery;

/// <summary>
/// A chained provider (so provenance and the sources health check look through it) whose later <c>Load</c> calls
/// reload the discovered root; the first is a no-op, since the root was loaded when it was built.
/// </summary>
internal sealed class DiscoveredConfigurationProvider(IConfigurationRoot root)
    : ChainedConfigurationProvider(new ChainedConfigurationSource { Configuration = root, ShouldDisposeConfiguration = false }), IConfigurationProvider
{
    private bool loaded;

    void IConfigurationProvider.Load()
    {
        if (loaded)
        {
            root.Reload();
        }

        loaded = true;
    }
}
