namespace Config.Providers;

/// <summary>
/// Marks a setting whose value must never be shown: it is replaced by <see cref="SecretAttribute.Mask"/> in
/// exception messages, logs, the change feed and diagnostic views.
/// </summary>
/// <remarks>
/// Keys that look secret (password, secret, token, api key, credential, private key, connection string …)
/// are redacted even without the attribute.
/// </remarks>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Class | AttributeTargets.Struct, Inherited = true)]
public sealed class SecretAttribute : Attribute
{
    /// <summary>The fixed text shown in place of a secret value.</summary>
    public const string Mask = "[redacted]";
}
