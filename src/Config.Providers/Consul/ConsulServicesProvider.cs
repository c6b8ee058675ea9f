using System.Collections.Concurrent;
using Config.Providers.Diagnostics;
using Config.Providers.Discovery;
using Config.Providers.Files;
using Config.Providers.Threading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Config.Providers.Consul;

/// <summary>
/// Projects the passing instances of required services into <c>Services:{service}:{endpoint}:{i}</c> and
/// <c>ServiceEndpoints:…</c>; the endpoint name is the instance's <c>endpoint</c> meta value, else <c>default</c>
/// (which <c>http://{service}</c> resolves to). One blocking health query per service.
/// </summary>
public sealed class ConsulServicesProvider : ConfigurationProvider, IConfigurationOrigins, IDisposable
{
    private readonly ConsulServicesSource source;
    private readonly ConsulHttpClient client;
    private readonly ILogger logger;
    private readonly ConcurrentDictionary<string, (IReadOnlyList<ConsulServiceInstance> Instances, ulong Index)> services = new(StringComparer.OrdinalIgnoreCase);
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
    }

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
            foreach (var service in source.Services)
            {
                watches.Start(token => WatchAsync(service, token));
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
    }

    private async Task WaitForServicesAsync(CancellationToken cancellationToken)
    {
        var time = source.TimeProvider;
        var started = time.GetTimestamp();
        var attempt = 0;
        while (true)
        {
            attempt++;
            var missing = new List<string>();
            foreach (var service in source.Services)
            {
                try
                {
                    var result = await client.HealthyInstancesAsync(service, cancellationToken: cancellationToken).ConfigureAwait(false);
                    services[service] = (result.Value, Math.Max(result.Index, 1));
                    if (result.Value.Count == 0)
                    {
                        missing.Add($"{service} (no passing instance)");
                    }
                }
                catch (ConsulException e)
                {
                    missing.Add($"{service} ({e.Message})");
                }
            }

            if (missing.Count == 0)
            {
                return;
            }

            var elapsed = time.GetElapsedTime(started);
            if (elapsed >= source.StartupTimeout)
            {
                throw new ConsulException(
                    $"Required services are not available after {source.StartupTimeout.TotalSeconds:0.#} s in Consul at {source.Client} (found via {source.ClientOrigin}): {string.Join("; ", missing)}");
            }

            ConsulLog.WaitingForServices(logger, string.Join("; ", missing), elapsed.TotalSeconds, source.StartupTimeout.TotalSeconds);
            var delay = TimeSpan.FromMilliseconds(Math.Min(2000, 250 * attempt));
            var left = source.StartupTimeout - elapsed;
            await Task.Delay(delay < left ? delay : left, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WatchAsync(string service, CancellationToken cancellationToken)
    {
        var failures = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var index = services.TryGetValue(service, out var known) ? known.Index : 0;
                try
                {
                    var result = await client.HealthyInstancesAsync(service, index, source.WaitTime, cancellationToken).ConfigureAwait(false);
                    failures = 0;
                    var next = result.Index < index ? 0 : Math.Max(result.Index, 1);
                    var changed = !SameInstances(known.Instances ?? [], result.Value);
                    services[service] = (result.Value, next);
                    if (changed)
                    {
                        Publish(signal: true);
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(100), source.TimeProvider, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    failures++;
                    var delay = ConsulRetry.Delay(failures, TimeSpan.FromSeconds(30));
                    if (ConsulRetry.ShouldLog(failures))
                    {
                        ConsulLog.WatchFailing(logger, "health/" + service, source.Client.ToString(), failures, delay.TotalSeconds, e.Message);
                    }

                    await Task.Delay(delay, source.TimeProvider, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
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
            OnReload();
        }
    }

    private static bool SameInstances(IReadOnlyList<ConsulServiceInstance> a, IReadOnlyList<ConsulServiceInstance> b) =>
        a.Count == b.Count && a.OrderBy(i => i.Id, StringComparer.Ordinal).Zip(b.OrderBy(i => i.Id, StringComparer.Ordinal))
            .All(p => p.First.Id == p.Second.Id && p.First.Address == p.Second.Address && p.First.Port == p.Second.Port);
}
