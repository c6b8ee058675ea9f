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
