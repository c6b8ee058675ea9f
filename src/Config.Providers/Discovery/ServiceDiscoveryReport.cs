namespace Config.Providers.Discovery;

/// <summary>What <c>AddServiceDiscovery()</c> decided, for diagnostics.</summary>
/// <param name="Options">The options it used.</param>
/// <param name="Notes">One line per decision (sources used or skipped).</param>
public sealed record ServiceDiscoveryReport(ServiceDiscoveryOptions Options, IReadOnlyList<string> Notes);
