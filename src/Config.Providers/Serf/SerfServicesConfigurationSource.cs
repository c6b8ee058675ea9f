using Config.Providers.Files;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Serf;

/// <summary>
/// serf-handler's membership file (<c>conf/services.yml</c> or <c>conf/services.json</c>: product → service → nodes
/// with <c>addr</c> and <c>port</c>) as service endpoints.
/// </summary>
public sealed class SerfServicesConfigurationSource : WatchedFileSource
{
    /// <inheritdoc />
    public override IConfigurationProvider Build(IConfigurationBuilder builder) => new SerfServicesConfigurationProvider(this, ResolvePath(builder));
}
