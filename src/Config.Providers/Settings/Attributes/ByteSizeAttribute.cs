namespace Config.Providers;

/// <summary>
/// Declares that an integer setting is a size in bytes, so it accepts units:
/// <c>512</c>, <c>64KB</c>, <c>64KiB</c>, <c>1.5MB</c>, <c>2GiB</c> (KB = 1000 bytes, KiB = 1024 bytes).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class ByteSizeAttribute : Attribute
{
}
