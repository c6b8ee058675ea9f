using System.Globalization;
using System.Net;
using Config.Providers.Core;

namespace Config.Providers.Settings.Coercion;

/// <summary>Parses <c>host:port</c>, <c>1.2.3.4:port</c> and <c>[::1]:port</c> into endpoints.</summary>
internal static class EndpointParser
{
    internal const string Forms = "host:port, 10.0.0.5:port or [::1]:port, with a port from 1 to 65535";

    public static bool TryParse(string text, out EndPoint? endpoint, out string? error)
    {
        endpoint = null;
        var s = text.Trim();
        string host;
        string portText;
        if (s.StartsWith('['))
        {
            var close = s.IndexOf(']');
            if (close < 0 || close + 1 >= s.Length || s[close + 1] != ':')
            {
                error = $"expected {Forms}";
                return false;
            }

            host = s[1..close];
            portText = s[(close + 2)..];
        }
        else
        {
            var colon = s.LastIndexOf(':');
            if (colon <= 0)
            {
                error = $"missing ':port'; expected {Forms}";
                return false;
            }

            host = s[..colon];
            portText = s[(colon + 1)..];
            if (host.Contains(':'))
            {
                error = $"an IPv6 address needs brackets; expected {Forms}";
                return false;
            }
        }

        if (!EndpointUrl.TryParsePort(portText, out var port))
        {
            error = $"port '{portText}' is not a number from 1 to 65535";
            return false;
        }

        if (IpAddressParser.TryParse(host, out var address))
        {
            endpoint = new IPEndPoint(address!, port);
        }
        else if (Uri.CheckHostName(host) == UriHostNameType.Dns)
        {
            endpoint = new DnsEndPoint(host, port);
        }
        else
        {
            error = $"'{host}' is not a host name or IP address; expected {Forms}";
            return false;
        }

        error = null;
        return true;
    }
}
