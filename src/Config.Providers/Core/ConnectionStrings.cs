using System.Globalization;

namespace Config.Providers.Core;

/// <summary>
/// The connection string a client library takes, for the schemes that have a standard one: PostgreSQL in the
/// key=value form Npgsql reads, AMQP as the URI RabbitMQ's clients read. Written at <c>ConnectionStrings:{name}</c>,
/// where <c>GetConnectionString(name)</c> finds it.
/// </summary>
internal static class ConnectionStrings
{
    /// <summary>The section <c>GetConnectionString</c> reads.</summary>
    public const string Section = "ConnectionStrings";

    /// <summary>The connection string for <paramref name="endpoint"/>, or null when its scheme has no standard one.</summary>
    public static string? For(ServiceEndpointInstance endpoint) => endpoint.Scheme?.ToLowerInvariant() switch
    {
        "postgres" or "postgresql" or "pgsql" => Npgsql(endpoint),
        "amqp" or "amqps" => Amqp(endpoint),
        _ => null,
    };

    private static string Npgsql(ServiceEndpointInstance e)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                // Npgsql's syntax: a value with ';', '=' or quotes is double-quoted, inner quotes doubled.
                parts.Add(value.AsSpan().IndexOfAny(";=\"'") >= 0 || value != value.Trim() ? $"{name}=\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : $"{name}={value}");
            }
        }

        Add("Host", e.Host);
        Add("Port", e.Port?.ToString(CultureInfo.InvariantCulture));
        Add("Database", e.Database);
        Add("Username", e.Username);
        Add("Password", e.Password);
        return string.Join(';', parts);
    }

    private static string Amqp(ServiceEndpointInstance e)
    {
        var credentials = e.Username is null ? string.Empty
            : Uri.EscapeDataString(e.Username) + (e.Password is null ? string.Empty : ":" + Uri.EscapeDataString(e.Password)) + "@";
        var host = e.Host?.Contains(':', StringComparison.Ordinal) == true ? $"[{e.Host}]" : e.Host;
        var port = e.Port is null ? string.Empty : ":" + e.Port.Value.ToString(CultureInfo.InvariantCulture);
        var vhost = e.Database is null ? string.Empty : "/" + Uri.EscapeDataString(e.Database);
        return $"{e.Scheme!.ToLowerInvariant()}://{credentials}{host}{port}{vhost}";
    }
}
