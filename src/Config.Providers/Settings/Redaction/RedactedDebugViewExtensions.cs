using Config.Providers.Settings.Redaction;

namespace Microsoft.Extensions.Configuration;

/// <summary>A debug view of configuration that is safe to log.</summary>
public static class RedactedDebugViewExtensions
{
    /// <summary>
    /// As <see cref="ConfigurationRootExtensions.GetDebugView(IConfigurationRoot)"/> (every key, its value and the
    /// provider it came from), with the values of secret-looking keys (password, token, api key, connection string …)
    /// and everything below them replaced by <see cref="Config.Providers.SecretAttribute.Mask"/>, and the secret parts of
    /// other values masked (a URL's password, <c>Password=</c> in a connection string, a bearer token, a PEM private key).
    /// </summary>
    /// <param name="root">The configuration root.</param>
    /// <returns>The indented, redacted view.</returns>
    public static string GetRedactedDebugView(this IConfigurationRoot root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return root.GetDebugView(context => SecretKeys.Show(context.Path, context.Value) ?? string.Empty);
    }
}
