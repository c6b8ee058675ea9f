using Microsoft.Extensions.Configuration;

namespace Config.Providers.Discovery;

/// <summary>
/// Puts the sources of <c>AddServiceDiscovery()</c>, built once into a root of their own, into the host's
/// configuration as one provider. Unlike the framework's chained source it passes <see cref="IConfigurationRoot.Reload"/>
/// on: the host's <c>Reload()</c> re-reads the files and Consul.
/// </summary>
internal sealed class DiscoveredConfigurationSource(IConfigurationRoot root) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new DiscoveredConfigurationProvider(root);
}

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
