namespace Config.Providers;

/// <summary>
/// Marks a setting that may change while the service runs. On a reload, changes to mutable settings are
/// applied (and <c>IOptionsMonitor&lt;T&gt;.OnChange</c> fires); changes to any other setting are held back
/// and reported as pending a restart.
/// </summary>
/// <remarks>
/// On a property, it covers that property (and, for a complex property, its whole subtree).
/// On a class, it covers every property of the class.
/// </remarks>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Class | AttributeTargets.Struct, Inherited = true)]
public sealed class MutableAttribute : Attribute
{
}
