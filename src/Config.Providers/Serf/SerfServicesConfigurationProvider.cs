using Config.Providers.Core;
using Config.Providers.Files;

namespace Config.Providers.Serf;

/// <summary>Reads serf-handler's membership file into <c>Services:</c> and <c>ServiceEndpoints:</c> keys.</summary>
internal sealed class SerfServicesConfigurationProvider : WatchedFileProvider
{
    private readonly SerfServicesConfigurationSource source;

    /// <summary>Creates the provider.</summary>
    /// <param name="source">The source settings.</param>
    /// <param name="fullPath">The resolved file path.</param>
    public SerfServicesConfigurationProvider(SerfServicesConfigurationSource source, string fullPath)
        : base(source, fullPath)
    {
        this.source = source;
    }

    internal override string SourceKind => "serf";

    /// <inheritdoc />
    private protected override ParsedFile Parse(string text) => SerfServicesParser.Parse(text, source.Path);
}
