using Config.Providers.Consul;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Config.Providers.Discovery;

/// <summary>
/// Keeps this service registered in Consul while the host runs: a first attempt when the host starts (a failure does
/// not fail the host), then retries with backoff; once registered, asks the agent every few seconds whether it still
/// has the instance (a restarted agent has forgotten it) and registers again at once when not; passes a TTL check;
/// stops the application only when <see cref="ConsulServiceRegistration.StopApplicationAfter"/> says so; deregisters
/// when the host stops.
/// </summary>
internal sealed partial class ConsulSelfRegistration : IHostedService, IDisposable
{
    private readonly ConsulClientOptions options;
    private readonly ConsulServiceRegistration configured;
    private readonly IConfiguration configuration;
    private readonly IHostApplicationLifetime lifetime;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly ConsulHttpClient client;
    private readonly CancellationTokenSource stopping = new();
    private ConsulServiceRegistration registration;
    private Task maintaining = Task.CompletedTask;

    public ConsulSelfRegistration(ConsulClientOptions options, ConsulServiceRegistration registration, IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<ConsulSelfRegistration> logger, TimeProvider? time = null)
    {
        this.options = options;
        configured = registration;
        this.registration = registration;
        this.configuration = configuration;
        this.lifetime = lifetime;
        this.logger = logger;
        this.time = time ?? TimeProvider.System;
        client = new ConsulHttpClient(options);
    }

    private TimeSpan Interval
    {
        get
        {
            var interval = registration.PresenceCheckInterval ?? TimeSpan.FromSeconds(5);
            return UsesTtl && registration.Ttl!.Value / 2 < interval ? registration.Ttl.Value / 2 : interval;
        }
    }

    /// <summary>A TTL check (the HTTP check wins when both are given): the service passes it itself.</summary>
    private bool UsesTtl => registration.HealthCheckUrl is null && registration.Ttl is not null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        registration = RegistrationDefaults.Complete(configured, configuration);
        var registered = false;
        try
        {
            await RegisterAsync(cancellationToken).ConfigureAwait(false);
            registered = true;
        }
        catch (ConsulException e)
        {
            // Consul is not there yet: the service starts anyway and keeps trying.
            RegisterFailed(logger, registration.Id, options.ToString(), 1, 0.25, e.Message);
        }

        maintaining = Task.Run(() => MaintainAsync(registered, stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await maintaining.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            await client.DeregisterServiceAsync(registration.Id, cancellationToken).ConfigureAwait(false);
            Deregistered(logger, registration.Id);
        }
        catch (Exception e) when (e is ConsulException or OperationCanceledException)
        {
            // Shutting down anyway; Consul removes the instance when its check stays critical.
            DeregisterFailed(logger, registration.Id, e.Message);
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        client.Dispose();
        stopping.Dispose();
    }

    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        await client.RegisterServiceAsync(registration, cancellationToken).ConfigureAwait(false);
        if (UsesTtl)
        {
            await client.PassTtlAsync("service:" + registration.Id, cancellationToken).ConfigureAwait(false);
        }

        Registered(logger, registration.Id, registration.Name, options.ToString(), registration.Address, registration.Port);
    }

    private async Task MaintainAsync(bool registered, CancellationToken cancellationToken)
    {
        var failures = registered ? 0 : 1;
        var unregisteredSince = time.GetTimestamp();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (!registered)
                {
                    var delay = ConsulRetry.Delay(failures, TimeSpan.FromSeconds(30));
                    await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                    try
                    {
                        await RegisterAsync(cancellationToken).ConfigureAwait(false);
                        registered = true;
                        failures = 0;
                        continue;
                    }
                    catch (ConsulException e)
                    {
                        failures++;
                        var next = ConsulRetry.Delay(failures, TimeSpan.FromSeconds(30));
                        if (ConsulRetry.ShouldLog(failures))
                        {
                            RegisterFailed(logger, registration.Id, options.ToString(), failures, next.TotalSeconds, e.Message);
                        }

                        if (registration.StopApplicationAfter is { } limit && time.GetElapsedTime(unregisteredSince) >= limit)
                        {
                            GivingUp(logger, registration.Id, limit.TotalSeconds);
                            lifetime.StopApplication();
                            return;
                        }

                        continue;
                    }
                }

                await Task.Delay(Interval, time, cancellationToken).ConfigureAwait(false);
                try
                {
                    if (!await client.HasServiceAsync(registration.Id, cancellationToken).ConfigureAwait(false))
                    {
                        // The agent restarted without its data (or someone deregistered us): register again now.
                        Lost(logger, registration.Id, options.ToString());
                        registered = false;
                        failures = 0;
                        unregisteredSince = time.GetTimestamp();
                        await RegisterAsync(cancellationToken).ConfigureAwait(false);
                        registered = true;
                        continue;
                    }

                    if (UsesTtl)
                    {
                        await client.PassTtlAsync("service:" + registration.Id, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (ConsulException e)
                {
                    // The agent is away; once back, the presence check tells whether it still has us.
                    failures++;
                    if (ConsulRetry.ShouldLog(failures))
                    {
                        PresenceFailed(logger, registration.Id, options.ToString(), failures, e.Message);
                    }

                    if (!registered)
                    {
                        continue;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Registered {Id} as {Service} in Consul at {Address}, reachable at {ServiceAddress}:{ServicePort}")]
    private static partial void Registered(ILogger logger, string id, string service, string address, string serviceAddress, int servicePort);

    [LoggerMessage(EventId = 402, Level = LogLevel.Information, Message = "Deregistered {Id} from Consul")]
    private static partial void Deregistered(ILogger logger, string id);

    [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "Could not deregister {Id} from Consul: {Reason}")]
    private static partial void DeregisterFailed(ILogger logger, string id, string reason);

    [LoggerMessage(EventId = 405, Level = LogLevel.Warning, Message = "Registering {Id} in Consul at {Address} failed {Failures} time(s) in a row; the service runs on and retries in {Delay:0.0} s: {Reason}")]
    private static partial void RegisterFailed(ILogger logger, string id, string address, int failures, double delay, string reason);

    [LoggerMessage(EventId = 406, Level = LogLevel.Warning, Message = "Consul at {Address} no longer knows {Id} (agent restarted?); registering it again")]
    private static partial void Lost(ILogger logger, string id, string address);

    [LoggerMessage(EventId = 407, Level = LogLevel.Error, Message = "{Id} could not register in Consul for {Seconds:0} s; stopping the application (StopApplicationAfter)")]
    private static partial void GivingUp(ILogger logger, string id, double seconds);

    [LoggerMessage(EventId = 408, Level = LogLevel.Warning, Message = "Checking that Consul at {Address} still has {Id} failed {Failures} time(s) in a row: {Reason}")]
    private static partial void PresenceFailed(ILogger logger, string id, string address, int failures, string reason);
}
