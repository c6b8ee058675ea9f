using System.Text.Json;
using Config.Providers.Diagnostics;
using Config.Providers.Discovery;
using Config.Providers.Settings.ChangeFeed;
using Config.Providers.Settings.Pipeline;
using Config.Providers.Settings.Redaction;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Config.Providers.Inspection;

/// <summary>
/// The running service's configuration as the inspector shows it (docs/inspector.md), written as JSON: the sources in
/// precedence order with their status, every key with the value that won, where it came from and what it shadowed,
/// each <c>AddSettings</c> type with its problems, pending restarts, rejected reloads and the latest reload reports.
/// Every value is masked by one rule: the key's name, the value's shape (<see cref="SecretKeys"/>) and the settings
/// types' own <c>[Secret]</c> members — always; there is no switch to reveal them.
/// </summary>
internal static class ConfigurationInspection
{
    /// <summary>Writes the inspection of the service in <paramref name="services"/>.</summary>
    public static void WriteJson(IServiceProvider services, Utf8JsonWriter json, DateTimeOffset now)
    {
        var root = services.GetRequiredService<IConfiguration>() as IConfigurationRoot
            ?? throw new InvalidOperationException("The configuration is not an IConfigurationRoot: nothing to inspect.");
        var environment = services.GetService<IHostEnvironment>();
        var discovery = services.GetService<ServiceDiscoveryReport>();
        var checks = SettingsChecks(services, root);
        var secret = new HashSet<string>(checks.SelectMany(c => c.SecretKeys), StringComparer.OrdinalIgnoreCase);
        var sources = InspectedSource.Of(root);
        var feed = services.GetService<ISettingsChangeFeed>() as SettingsChangeFeed;

        json.WriteStartObject();
        json.WriteString("service", discovery?.Options.ServiceName ?? environment?.ApplicationName);
        json.WriteString("environment", discovery?.Options.Environment ?? environment?.EnvironmentName);
        json.WriteString("generatedAt", now);

        json.WriteStartArray("sources");
        for (var i = 0; i < sources.Count; i++)
        {
            WriteSource(json, sources[i], i, now);
        }

        json.WriteEndArray();

        json.WriteStartArray("keys");
        foreach (var (key, value) in root.AsEnumerable().Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase))
        {
            WriteKey(json, key, value!, sources, secret);
        }

        json.WriteEndArray();

        json.WriteStartArray("settings");
        foreach (var check in checks)
        {
            json.WriteStartObject();
            json.WriteString("type", check.Label);
            json.WriteString("section", check.SectionPath);
            WriteStrings(json, "secretKeys", check.SecretKeys);
            WriteStrings(json, "problems", check.Problems.Select(p => p.ToString()));
            WriteStrings(json, "warnings", check.Warnings.Select(p => p.ToString()));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteReports(json, "pendingRestarts", feed?.PendingRestarts ?? [], secret);
        WriteReports(json, "rejectedReloads", feed?.RejectedReloads ?? [], secret);
        WriteReports(json, "recentChanges", (feed?.Recent ?? []).Reverse(), secret);
        json.WriteEndObject();
    }

    /// <summary>
    /// The settings types bound and validated against the configuration as it is now — which is also how the secret
    /// keys of collections under a <c>[Secret]</c> member are known — kept until the configuration next changes, so a
    /// page that polls does not run the validators on every request, and a new key is never shown before it is known.
    /// </summary>
    private static List<SettingsCheck> SettingsChecks(IServiceProvider services, IConfigurationRoot root)
    {
        // Kept per configuration: a request's services are a scope of their own, the configuration is the app's.
        var cache = Checks.GetValue(root, static _ => new CachedChecks());
        lock (cache)
        {
            if (cache.Token is { HasChanged: false } && cache.Value is { } kept)
            {
                return kept;
            }
        }

        // The token first: a change that lands while binding makes the next request bind again. Binding and validating
        // run user code: outside the lock (two requests at once may both bind; the later result is kept).
        var token = root.GetReloadToken();
        List<SettingsCheck> value = [.. services.GetServices<SettingsStartupEntry>().Select(entry => entry.Check(services))];
        lock (cache)
        {
            (cache.Token, cache.Value) = (token, value);
        }

        return value;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IConfigurationRoot, CachedChecks> Checks = [];

    private sealed class CachedChecks
    {
        public Microsoft.Extensions.Primitives.IChangeToken? Token { get; set; }

        public List<SettingsCheck>? Value { get; set; }
    }

    private static void WriteSource(Utf8JsonWriter json, InspectedSource source, int position, DateTimeOffset now)
    {
        json.WriteStartObject();
        json.WriteNumber("position", position);
        json.WriteString("name", source.Name);
        var status = source.Status;
        var problems = status?.Problems ?? [];
        var warnings = status?.Warnings ?? [];
        // A provider that reports no status (environment variables, the command line, the framework's JSON files)
        // is read once and cannot go stale: "static", not a claim of health.
        json.WriteString("status", status is null ? "static" : problems.Count > 0 ? "stale" : warnings.Count > 0 ? "warned" : "healthy");
        if (status?.LastSuccess is { } last)
        {
            json.WriteString("lastSuccess", last);
        }

        if (problems.Count > 0)
        {
            json.WriteString("staleSince", problems.Min(p => p.Since));
        }

        json.WriteStartArray("problems");
        foreach (var problem in problems)
        {
            json.WriteStartObject();
            json.WriteString("part", problem.Part);
            json.WriteString("reason", problem.Reason);
            json.WriteString("since", problem.Since);
            json.WriteNumber("seconds", Math.Max(0, (now - problem.Since).TotalSeconds));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteStrings(json, "warnings", warnings);
        json.WriteEndObject();
    }

    private static void WriteKey(Utf8JsonWriter json, string key, string value, List<InspectedSource> sources, HashSet<string> secret)
    {
        // Every source that holds the key, the winner (the last one) first.
        var holders = new List<(int Position, string Name, string Origin, string Value)>();
        for (var i = sources.Count - 1; i >= 0; i--)
        {
            var provider = sources[i].Provider;
            if (provider.TryGet(key, out var held) && held is not null)
            {
                var origin = provider is IConfigurationOrigins origins && origins.TryGetOrigin(key, out var found) ? found : sources[i].Name;
                holders.Add((i, sources[i].Name, origin, held));
            }
        }

        json.WriteStartObject();
        json.WriteString("key", key);
        json.WriteString("value", SecretKeys.Show(key, value, secret));
        if (holders.Count > 0)
        {
            json.WriteString("source", holders[0].Name);
            json.WriteNumber("sourcePosition", holders[0].Position);
            json.WriteString("origin", holders[0].Origin);
        }

        json.WriteStartArray("shadowed");
        foreach (var (position, name, origin, held) in holders.Skip(1))
        {
            json.WriteStartObject();
            json.WriteString("source", name);
            json.WriteNumber("sourcePosition", position);
            json.WriteString("origin", origin);
            json.WriteString("value", SecretKeys.Show(key, held, secret));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteReports(Utf8JsonWriter json, string name, IEnumerable<SettingsReloadReport> reports, HashSet<string> secret)
    {
        json.WriteStartArray(name);
        foreach (var report in reports)
        {
            json.WriteStartObject();
            json.WriteString("type", report.OptionsType.Name);
            json.WriteString("name", report.OptionsName);
            json.WriteString("section", report.SectionPath);
            json.WriteString("at", report.Timestamp);
            json.WriteString("outcome", report.Outcome.ToString());
            json.WriteStartArray("changes");
            foreach (var change in report.Changes)
            {
                json.WriteStartObject();
                json.WriteString("key", change.Key);
                json.WriteBoolean("mutable", change.IsMutable);
                json.WriteString("disposition", change.Disposition.ToString());
                json.WriteString("source", change.Source);
                json.WriteString("old", SecretKeys.Show(change.Key, change.OldValue, secret));
                json.WriteString("new", SecretKeys.Show(change.Key, change.NewValue, secret));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteStrings(json, "problems", report.Problems);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
