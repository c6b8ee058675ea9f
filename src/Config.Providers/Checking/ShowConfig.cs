using Config.Providers.Diagnostics;
using Config.Providers.Settings.Pipeline;
using Config.Providers.Settings.Provenance;
using Config.Providers.Settings.Redaction;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Config.Providers.Checking;

/// <summary>
/// <c>--show-config</c>: the effective configuration exactly as this service builds it — every key, its value and the
/// source that supplied it — printed by the service itself, so nothing is guessed (the <c>config-providers</c> tool,
/// run beside it, cannot know the service's code). Values are masked when the key looks secret, the value holds a
/// private key, or an <c>AddSettings</c> type reads the key as <c>[Secret]</c>. Nothing starts; exit 0.
/// </summary>
internal static class ShowConfig
{
    public static int Print(ConfigCheckRequest request, IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var secret = new HashSet<string>(
            services.GetServices<SettingsStartupEntry>().SelectMany(entry => entry.Check(services).SecretKeys),
            StringComparer.OrdinalIgnoreCase);
        var keys = configuration.AsEnumerable()
            .Where(pair => pair.Value is not null)
            .OrderBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase)
            .Select(pair => (pair.Key, Value: SecretKeys.Show(pair.Key, pair.Value, secret)!, Source: ConfigurationOrigins.Describe(configuration, pair.Key) ?? "?"))
            .ToList();
        var contentRoot = services.GetService<IHostEnvironment>()?.ContentRootPath;

        if (request.Json)
        {
            using var output = Console.OpenStandardOutput();
            using var json = ConfigCheckOutput.JsonWriter(output);
            json.WriteStartObject();
            json.WriteString("contentRoot", contentRoot);
            json.WriteStartArray("keys");
            foreach (var (key, value, source) in keys)
            {
                json.WriteStartObject();
                json.WriteString("key", key);
                json.WriteString("value", value);
                json.WriteString("source", source);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.Flush();
            output.WriteByte((byte)'\n');
        }
        else
        {
            Console.Out.WriteLine($"Configuration of {services.GetService<IHostEnvironment>()?.ApplicationName ?? "(unnamed service)"}, as it starts: {keys.Count} key(s), content root {contentRoot}");
            foreach (var (key, value, source) in keys)
            {
                Console.Out.WriteLine($"  {key} = {value}    ({source})");
            }
        }

        return 0;
    }
}
