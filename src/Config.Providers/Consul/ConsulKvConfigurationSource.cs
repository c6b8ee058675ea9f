using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Config.Providers.Consul;

/// <summary>
/// Consul's key/value store as a configuration source. Keys are read from layered folders, later winning:
/// <c>{Root}/application/</c>, <c>{Root}/application,{Environment}/</c>, <c>{Root}/{Service}/</c>, <c>{Root}/{Service},{Environment}/</c>.
/// </summary>
public sealed class ConsulKvConfigurationSource : IConfigurationSource
{
    /// <summary>
    /// Address, token and TLS. When null, Consul is located from variables (see <see cref="ConsulLocator"/>):
    /// <c>CONSUL_HTTP_ADDR</c>, then <c>{EnvironmentPrefix}_CONSUL_HOST/_PORT/_SCHEME</c> (each on its own), then
    /// <c>http://consul:8500</c>; each variable from the environment, else from <see cref="EnvironmentFile"/>; the other
    /// <c>CONSUL_HTTP_*</c> and TLS variables apply to whichever address is found.
    /// </summary>
    public ConsulClientOptions? Client { get; set; }

    /// <summary>Where Consul was already found (by <c>AddServiceDiscovery()</c>), so the provider does not look again.</summary>
    internal ConsulLocation? Location { get; set; }

    /// <summary>The prefix of <c>{PREFIX}_CONSUL_HOST</c>-style variables, such as <c>WAZO</c>.</summary>
    public string? EnvironmentPrefix { get; set; }

    /// <summary>
    /// An env file (systemd dialect) holding the location variables; each variable the environment does not set is read
    /// from it. When null and <see cref="EnvironmentPrefix"/> is <c>WAZO</c>, <c>/etc/wazo-platform/consul</c> (Wazo's ADR).
    /// </summary>
    public string? EnvironmentFile { get; set; }

    /// <summary>The top folder. Default: <c>config</c>.</summary>
    public string Root { get; set; } = "config";

    /// <summary>This service's name; without it only the folders of <see cref="FolderLayout"/> that do not name it are read.</summary>
    public string? Service { get; set; }

    /// <summary>The environment (<c>Production</c>, …) for the folders of <see cref="FolderLayout"/> that name it.</summary>
    public string? Environment { get; set; }

    /// <summary>Whether to watch for changes with blocking queries. Default: true.</summary>
    public bool ReloadOnChange { get; set; } = true;

    /// <summary>
    /// How long a blocking query waits at most (Consul caps it at 10 minutes). Default: 1 minute. Each return is
    /// compared by content, so this also bounds how late a change is seen that Consul does not signal (deleting a
    /// folder as <c>config/app</c> rather than <c>config/app/</c> leaves the folder's index unchanged in Consul 1.8).
    /// </summary>
    public TimeSpan WaitTime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The least time between two queries of one folder. Default: 100 ms.</summary>
    public TimeSpan MinimumInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Quiescence, like consul-template's <c>wait min</c>: when above zero, a change is applied only once the source's
    /// folders have been quiet this long, so a folder re-populated key by key is applied once, whole, instead of in
    /// half-written states. Default: zero (apply each change at once). For multi-key edits prefer one Consul
    /// transaction (<c>/v1/txn</c>), which Consul applies atomically.
    /// </summary>
    public TimeSpan SettleTime { get; set; }

    /// <summary>
    /// With <see cref="SettleTime"/>: the longest a change waits for quiet (consul-template's <c>wait max</c>), so a folder
    /// that never stops changing is still applied. Default: zero, meaning four times <see cref="SettleTime"/>.
    /// </summary>
    public TimeSpan MaxSettleTime { get; set; }

    /// <summary>
    /// Whether a folder that an index reset empties is held: when Consul's index goes back (its state started over) and a
    /// folder's answer keeps fewer than half of its keys, the folder keeps its last good values — the sources health check
    /// is Degraded naming it, event 315 says why — until a write moves the index past the reset. A cluster rebuilt
    /// empty or restored from an old snapshot then does not switch every service back to its defaults. Ordinary deletes
    /// (the index moving forward) apply at once either way. Default: true.
    /// </summary>
    public bool HoldFoldersEmptiedByReset { get; set; } = true;

    /// <summary>The longest pause between retries after errors (exponential backoff with jitter). Default: 30 s.</summary>
    public TimeSpan MaximumBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long startup waits for an unreachable Consul before failing (or using <see cref="SnapshotPath"/>). Default: 30 s.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Opt-in last-known-good file: written atomically (mode 0600) after every successful load, and used when Consul
    /// is still unreachable after <see cref="StartupTimeout"/> (the service starts degraded and catches up later).
    /// </summary>
    public string? SnapshotPath { get; set; }

    /// <summary>The clock for intervals, backoff and timeouts.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where progress and errors are logged.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>An HttpClient to use (for example from <c>IHttpClientFactory</c>); one is created when null.</summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>
    /// The folders to read under <see cref="Root"/>, in precedence order (later wins), with <c>{service}</c> and
    /// <c>{environment}</c> replaced; a folder naming one that is not set is skipped. Default: <c>application</c>,
    /// <c>application,{environment}</c>, <c>{service}</c>, <c>{service},{environment}</c> (Spring Cloud Consul's layout).
    /// </summary>
    public IList<string> FolderLayout { get; } = ["application", "application,{environment}", "{service}", "{service},{environment}"];

    /// <summary>
    /// Keys that each hold one whole document, expanded at the top of the configuration and read after the folders
    /// (later wins) — Winton's layout, where <c>App/Env</c> holds the application's JSON. Full keys (not under
    /// <see cref="Root"/>), with <c>{service}</c> and <c>{environment}</c> replaced (a key naming one that is not set is
    /// skipped). The value is read as a document whatever the key's name: JSON, or YAML (JSON is read as YAML 1.2, of
    /// which it is a subset). A key that does not exist gives no values.
    /// </summary>
    public IList<string> DocumentKeys { get; } = [];

    /// <summary>The folders read, in precedence order (later wins): <see cref="FolderLayout"/> under <see cref="Root"/>.</summary>
    public IReadOnlyList<string> Folders
    {
        get
        {
            var root = Root.Trim('/');
            var folders = new List<string>();
            foreach (var template in FolderLayout)
            {
                if (Expand(template) is not { } folder)
                {
                    continue;
                }

                var path = root.Length == 0 ? folder + "/" : $"{root}/{folder}/";
                if (!folders.Contains(path, StringComparer.Ordinal))
                {
                    folders.Add(path);
                }
            }

            return folders;
        }
    }

    /// <summary>
    /// Everything read, in precedence order: the <see cref="Folders"/> (ending in <c>/</c>), then the
    /// <see cref="DocumentKeys"/> (not ending in <c>/</c>, which is how the provider tells them apart).
    /// </summary>
    internal IReadOnlyList<string> Reads
    {
        get
        {
            var reads = new List<string>(Folders);
            foreach (var template in DocumentKeys)
            {
                if (Expand(template) is { Length: > 0 } key && !reads.Contains(key, StringComparer.Ordinal))
                {
                    reads.Add(key);
                }
            }

            return reads;
        }
    }

    /// <summary>A layout template with its placeholders replaced and outer slashes trimmed; null when it names one not set.</summary>
    private string? Expand(string template)
    {
        if ((template.Contains("{service}", StringComparison.Ordinal) && string.IsNullOrEmpty(Service))
            || (template.Contains("{environment}", StringComparison.Ordinal) && string.IsNullOrEmpty(Environment)))
        {
            return null;
        }

        return template.Replace("{service}", Service, StringComparison.Ordinal).Replace("{environment}", Environment, StringComparison.Ordinal).Trim('/');
    }

    /// <inheritdoc />
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new ConsulKvConfigurationProvider(this);
}
