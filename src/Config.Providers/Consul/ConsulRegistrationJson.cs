using System.Text.Json;

namespace Config.Providers.Consul;

/// <summary>The body of <c>PUT /v1/agent/service/register</c> for a <see cref="ConsulServiceRegistration"/>.</summary>
internal static class ConsulRegistrationJson
{
    public static byte[] Write(ConsulServiceRegistration registration)
    {
        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("ID", registration.Id);
            json.WriteString("Name", registration.Name);
            json.WriteString("Address", registration.Address);
            json.WriteNumber("Port", registration.Port);
            json.WriteStartArray("Tags");
            foreach (var tag in registration.Tags ?? [])
            {
                json.WriteStringValue(tag);
            }

            json.WriteEndArray();
            if (registration.Meta is { Count: > 0 } meta)
            {
                json.WriteStartObject("Meta");
                foreach (var (key, value) in meta)
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            if (registration.HealthCheckUrl is not null || registration.Ttl is not null)
            {
                WriteCheck(json, registration);
            }

            json.WriteEndObject();
        }

        return body.ToArray();
    }

    private static void WriteCheck(Utf8JsonWriter json, ConsulServiceRegistration registration)
    {
        json.WriteStartObject("Check");
        if (registration.HealthCheckUrl is { } check)
        {
            json.WriteString("HTTP", check.ToString());
            json.WriteString("Interval", ConsulHttpClient.Duration(registration.CheckInterval ?? TimeSpan.FromSeconds(10)));
            if (registration.CheckTimeout is { } timeout)
            {
                json.WriteString("Timeout", ConsulHttpClient.Duration(timeout));
            }
        }
        else
        {
            json.WriteString("TTL", ConsulHttpClient.Duration(registration.Ttl!.Value));
        }

        json.WriteString("DeregisterCriticalServiceAfter", ConsulHttpClient.Duration(registration.DeregisterCriticalServiceAfter ?? TimeSpan.FromMinutes(10)));
        json.WriteEndObject();
    }
}
