using System.Net;

namespace Config.Providers.Settings.Coercion;

/// <summary>
/// Stricter than <see cref="IPAddress.TryParse(string, out IPAddress)"/>, which reads <c>1</c> as 0.0.0.1:
/// IPv4 must be four dotted decimal parts; IPv6 must contain a colon.
/// </summary>
internal static class IpAddressParser
{
    public static bool TryParse(string text, out IPAddress? address)
    {
        address = null;
        var s = text.Trim();
        if (s.Contains(':'))
        {
            return IPAddress.TryParse(s, out address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        }

        var parts = s.Split('.');
        if (parts.Length != 4 || parts.Any(p => p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit)))
        {
            return false;
        }

        return IPAddress.TryParse(s, out address);
    }
}
