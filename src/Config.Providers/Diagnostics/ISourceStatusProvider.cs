namespace Config.Providers.Diagnostics;

/// <summary>A configuration provider that reports its health (read by the sources health check).</summary>
internal interface ISourceStatusProvider
{
    /// <summary>The provider's status.</summary>
    SourceStatus Status { get; }
}
