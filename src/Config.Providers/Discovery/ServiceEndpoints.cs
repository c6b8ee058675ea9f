namespace Config.Providers;

/// <summary>
/// Every endpoint of one service, by endpoint name, each a list of instances: bind
/// <c>ServiceEndpoints:{service}</c> with <c>AddSettings&lt;ServiceEndpoints&gt;</c>. Mutable as a whole: a new
/// instance appears, a moved one changes and a vanished one is dropped without a restart.
/// </summary>
[Mutable]
public sealed class ServiceEndpoints : Dictionary<string, List<ServiceEndpoint>>
{
    /// <summary>Creates an empty set; endpoint names compare ignoring case, as configuration keys do.</summary>
    public ServiceEndpoints()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }
}
