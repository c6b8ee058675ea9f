using System.Collections.Concurrent;
using Config.Providers.Core;
using Config.Providers.Diagnostics;
using Config.Providers.Files;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Config.Providers.Consul;

/// <summary>
/// Projects the passing instances of required services into <c>Services:{service}:{endpoint}:{i}</c> and
/// <c>ServiceEndpoints:…</c>; the endpoint name is the instance's <c>endpoint</c> meta value, else <c>default</c>
/// (which <c>http://{service}</c> resolves to). One blocking health query per service.
/// </summary>
internal sealed class ConsulServicesProvider : ConfigurationProvider, IConfigurationOrigins, ISourceStatusProvider, IDisposable
{
    private readonly ConsulServicesSource source;
    private readonly ConsulHttpClient client;
    private readonly ILogger logger;
    private readonly ConcurrentDictionary<string, (IReadOnlyList<ConsulServiceInstance> Instances, ulong Index)> services = new(StringComparer.OrdinalIgnoreCase);
    private readonly SourceStatus status;
    private readonly ConsulWatches watches = new();
    private readonly object gate = new();
    private KeyOrigins origins = new();
    private bool loaded;

    /// <summary>Creates the provider.</summary>
    /// <param name="source">The source settings.</param>
    public ConsulServicesProvider(ConsulServicesSource source)
    {
        this.source = source;
        client = new ConsulHttpClient(source.Client);
        logger = source.LoggerFactory?.CreateLogger<ConsulServicesProvider>() ?? (ILogger)NullLogger.Instance;
        status = new SourceStatus("consul_health", $"Consul health at {source.Client}", source.TimeProvider);
    }

    SourceStatus ISourceStatusProvider.Status => status;

    /// <inheritdoc />
    public override void Load()
    {
        if (loaded)
        {
            return;
        }

        SyncOverAsync.Run(WaitForServicesAsync);
        loaded = true;
        Publish(signal: false);
        if (source.ReloadOnChange)
        {
            var timing = new ConsulWatchTiming(source.WaitTime, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30), source.TimeProvider);
            foreach (var service in source.Services)
            {
                var loop = new ConsulWatchLoop<IReadOnlyList<ConsulServiceInstance>>(
                    "health/" + service,
                    (index, wait, token) => client.HealthyInstancesAsync(service, index, wait, token),
                    (instances, _) => Take(service, instances),
                    timing,
                    source.Client.ToString(),
                    logger,
                    status);
                var start = services.TryGetValue(service, out var known) ? known.Index : 0;
                watches.Start(token => loop.RunAsync(start, token));
            }
        }
    }

    /// <inheritdoc />
    public bool TryGetOrigin(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? origin)
    {
        return origins.TryDescribe(key, out origin);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        watches.Stop();
        client.Dispose();
        status.Dispose();
    }

    private async Task WaitForServicesAsync(CancellationToken cancellationToken)
    {
        var time = source.TimeProvider;
        var started = time.GetTimestamp();
        var attempt = 0;
        var asking = string.Empty;

        // A hung Consul fails no attempt for a while: say what is awaited whenever nothing was said for a second.
        using var progress = new ConsulStartupProgress(time, () => ConsulLog.WaitingForServices(
            logger, $"{Volatile.Read(ref asking)} (no complete answer yet)", time.GetElapsedTime(started).TotalSeconds, source.StartupTimeout.TotalSeconds));
        while (true)
        {
            attempt++;
            var missing = new List<string>();
            var left = source.StartupTimeout - time.GetElapsedTime(started);

            using var attemptDeadline = ConsulRetry.StartupAttempt(left, source.StartupTimeout, cancellationToken);
            foreach (var service in source.Services)
            {
                asking = service;
                SourceMetrics.Request(status, "health/" + service);
                try
                {
                    var result = await client.HealthyInstancesAsync(service, cancellationToken: attemptDeadline.Token).ConfigureAwait(false);
                    services[service] = (result.Value, result.Index);
                    if (result.Value.Count == 0)
                    {
                        missing.Add($"{service} (no passing instance)");
                    }
                }
                catch (Exception e) when (e is ConsulException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    SourceMetrics.Failure(status);
                    missing.Add($"{service} ({(e is ConsulException ? e.Message : "no complete answer in time")})");
                }
            }

            if (missing.Count == 0)
            {
                status.Synced();
                return;
            }

            var elapsed = time.GetElapsedTime(started);
            if (elapsed >= source.StartupTimeout)
            {
                throw new ConsulException(
                    $"Required services are not available after {source.StartupTimeout.TotalSeconds:0.#} s in Consul at {source.Client} (found via {source.ClientOrigin}): {string.Join("; ", missing)}");
            }

            progress.Said();
            ConsulLog.WaitingForServices(logger, string.Join("; ", missing), elapsed.TotalSeconds, source.StartupTimeout.TotalSeconds);
            var delay = ConsulRetry.Delay(attempt, ConsulRetry.RequiredServicesCeiling);
            var remaining = source.StartupTimeout - elapsed;
            await Task.Delay(delay < remaining ? delay : remaining, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A return is not a change: everything projected (address, port, tags, meta) is compared first. Returns whether
    /// anything projected changed (a check's output alone wakes the query but changes nothing here).
    /// </summary>
    private bool Take(string service, IReadOnlyList<ConsulServiceInstance> instances)
    {
        var known = services.GetValueOrDefault(service);
        services[service] = (instances, known.Index);
        if (SameInstances(known.Instances ?? [], instances))
        {
            return false;
        }

        ConsulLog.ServiceChanged(logger, service, instances.Count);
        Publish(signal: true);
        return true;
    }

    private void Publish(bool signal)
    {
        lock (gate)
        {
            var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            var newOrigins = new KeyOrigins();
            foreach (var service in source.Services)
            {
                if (!services.TryGetValue(service, out var known))
                {
                    continue;
                }

                var byEndpoint = known.Instances.GroupBy(i => i.Meta.TryGetValue("endpoint", out var name) ? name : "default");
                foreach (var endpoint in byEndpoint)
                {
                    var index = 0;
                    foreach (var instance in endpoint.OrderBy(i => i.Id, StringComparer.Ordinal))
                    {
                        instance.Meta.TryGetValue("scheme", out var scheme);
                        ServiceEndpointKeys.Write(data, newOrigins, new ServiceEndpointInstance(service, endpoint.Key, index++, instance.Address, instance.Port, scheme, null, null, null),
                            new KeyOrigin($"service {service} ({instance.Id})", 0) { Kind = "consul" });
                    }
                }
            }

            origins = newOrigins;
            Data = data;
        }

        if (signal)
        {
            ChangeListeners.Raise(OnReload, logger, "Consul services");
        }
    }

    private static bool SameInstances(IReadOnlyList<ConsulServiceInstance> a, IReadOnlyList<ConsulServiceInstance> b) =>
        a.Count == b.Count && a.OrderBy(i => i.Id, StringComparer.Ordinal).Zip(b.OrderBy(i => i.Id, StringComparer.Ordinal)).All(p => Same(p.First, p.Second));

    private static bool Same(ConsulServiceInstance a, ConsulServiceInstance b) =>
        a.Id == b.Id && a.Service == b.Service && a.Address == b.Address && a.Port == b.Port
        && a.Tags.SequenceEqual(b.Tags, StringComparer.Ordinal)
        && a.Meta.Count == b.Meta.Count && a.Meta.All(m => b.Meta.TryGetValue(m.Key, out var v) && v == m.Value);
}
