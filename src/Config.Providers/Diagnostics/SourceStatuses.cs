using Microsoft.Extensions.Configuration;

namespace Config.Providers.Diagnostics;

/// <summary>Finds the sources that report their status in a configuration (read by the health check, metrics and --check-config).</summary>
internal static class SourceStatuses
{
    /// <summary>Every provider that reports its status, looking through chained configurations (AddServiceDiscovery's).</summary>
    public static IEnumerable<SourceStatus> Of(IConfigurationRoot root)
    {
        foreach (var provider in Core.LeafProviders.Of(root))
        {
            if (provider is ISourceStatusProvider reporting)
            {
                yield return reporting.Status;
            }
            else if (provider is ISourceStatusGroup group)
            {
                foreach (var status in group.Statuses)
                {
                    yield return status;
                }
            }
        }
    }
}
