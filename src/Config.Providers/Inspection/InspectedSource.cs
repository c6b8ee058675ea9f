using Config.Providers.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Inspection;

/// <summary>One configuration provider as the inspector shows it: where it stands in precedence and how it is doing.</summary>
/// <param name="Provider">The provider (chained configurations looked through).</param>
/// <param name="Name">How it is described (<c>env file .env</c>, <c>Consul KV at http://consul:8500</c>).</param>
/// <param name="Status">Its status, when it reports one.</param>
internal sealed record InspectedSource(IConfigurationProvider Provider, string Name, SourceStatus? Status)
{
    /// <summary>The providers of <paramref name="root"/>, lowest precedence first, looking through chained configurations.</summary>
    public static List<InspectedSource> Of(IConfigurationRoot root) =>
        [.. Core.LeafProviders.Of(root).Select(provider => new InspectedSource(
            provider,
            Settings.Provenance.ConfigurationOrigins.Describe(provider),
            provider is ISourceStatusProvider reporting ? reporting.Status : null))];
}
