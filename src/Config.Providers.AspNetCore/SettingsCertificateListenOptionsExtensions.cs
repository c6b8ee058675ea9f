using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Hosting;

/// <summary>Kestrel endpoints that serve a certificate bound with <c>AddSettings&lt;T&gt;</c> (from Consul, a file, any source).</summary>
public static class SettingsCertificateListenOptionsExtensions
{
    /// <summary>
    /// Serves HTTPS on this endpoint with the certificate <paramref name="certificate"/> selects from the settings. The
    /// certificate must be there, with its private key, when the server starts (an error names the settings type and
    /// the setting). Each new connection takes the value bound at that moment: when the setting is <c>[Mutable]</c>, a
    /// renewed certificate in the configuration is served to new connections without a restart (open ones keep theirs);
    /// otherwise a change waits for the restart, as for every other setting.
    /// </summary>
    /// <typeparam name="TSettings">The settings type registered with <c>AddSettings&lt;TSettings&gt;</c>.</typeparam>
    /// <param name="listen">The endpoint, as <c>ConfigureKestrel(k =&gt; k.ListenAnyIP(8443, listen =&gt; …))</c> gives it.</param>
    /// <param name="certificate">Selects the certificate, such as <c>s =&gt; s.Certificate</c>.</param>
    /// <param name="optionsName">The options name of a named <c>AddSettings</c>; the default instance when null.</param>
    /// <returns>The endpoint.</returns>
    /// <exception cref="InvalidOperationException">The settings hold no certificate, or one without its private key.</exception>
    public static ListenOptions UseHttpsFromSettings<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TSettings>(this ListenOptions listen, Func<TSettings, X509Certificate2?> certificate, string? optionsName = null)
        where TSettings : class
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(certificate);
        var name = optionsName ?? Options.DefaultName;
        var settings = listen.ApplicationServices.GetRequiredService<IOptionsMonitor<TSettings>>();
        var label = name.Length == 0 ? typeof(TSettings).Name : $"{typeof(TSettings).Name}[{name}]";

        // Kestrel binds after the settings were validated at startup: a missing certificate is a configuration
        // mistake to name now, not a handshake failure on every connection later.
        Usable(certificate(settings.Get(name)), label);
        return listen.UseHttps(https => https.ServerCertificateSelector = (_, _) => certificate(settings.Get(name)));
    }

    private static void Usable(X509Certificate2? certificate, string label)
    {
        if (certificate is null)
        {
            throw new InvalidOperationException($"{label} holds no certificate for this HTTPS endpoint: set the PEM certificate and its private key in the configuration.");
        }

        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"{label}'s certificate ({certificate.Subject}, expires {certificate.NotAfter:yyyy-MM-dd}) has no private key: put the PEM private key after the certificate in the same value.");
        }
    }
}
