namespace Config.Providers.Diagnostics;

/// <summary>
/// A configuration provider made of several sources, each with its own status (a versioned folder: one per document,
/// and the folder itself), read by the sources health check as if each were a provider of its own.
/// </summary>
internal interface ISourceStatusGroup
{
    /// <summary>The statuses now; a copy, safe to enumerate while the provider changes.</summary>
    IReadOnlyList<SourceStatus> Statuses { get; }
}
