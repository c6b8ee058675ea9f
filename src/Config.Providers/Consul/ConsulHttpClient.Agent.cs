using System.Net;
using System.Net.Http.Headers;

namespace Config.Providers.Consul;

/// <summary>Services: passing instances from the health API, registration with the local agent, and the cluster's leader.</summary>
internal sealed partial class ConsulHttpClient
{
    /// <summary>Passing instances of <paramref name="service"/>; blocking when <paramref name="index"/> is above 0.</summary>
    /// <param name="service">The service name.</param>
    /// <param name="index">The index from the previous answer, or 0.</param>
    /// <param name="wait">The longest Consul should hold a blocking query.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The instances and the next index.</returns>
    public async Task<ConsulQueryResult<IReadOnlyList<ConsulServiceInstance>>> HealthyInstancesAsync(string service, ulong index = 0, TimeSpan? wait = null, CancellationToken cancellationToken = default)
    {
        var path = $"v1/health/service/{Uri.EscapeDataString(service)}?passing{ReadParameters(index, wait)}";
        var what = $"reading the health of '{service}'";
        var (entries, newIndex) = await SendAsync(HttpMethod.Get, path, null, index > 0 ? wait : null, what, async (response, token) =>
        {
            await EnsureSuccessAsync(response, what, token).ConfigureAwait(false);
            return (await ReadJsonAsync(response, ConsulJsonContext.Default.HealthDtoArray, what, token).ConfigureAwait(false) ?? [], response.Index);
        }, cancellationToken).ConfigureAwait(false);
        var instances = entries.Where(e => e.Service is not null).Select(e => new ConsulServiceInstance(
            e.Service!.Service,
            e.Service.ID,
            string.IsNullOrEmpty(e.Service.Address) ? e.Node?.Address ?? string.Empty : e.Service.Address,
            e.Service.Port,
            e.Service.Tags ?? [],
            e.Service.Meta ?? new Dictionary<string, string>())).ToArray();
        return new(instances, newIndex, Found: true);
    }

    /// <summary>Registers a service instance (and its HTTP check) with the local agent.</summary>
    /// <param name="registration">The instance.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task.</returns>
    public async Task RegisterServiceAsync(ConsulServiceRegistration registration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        using var content = new ByteArrayContent(ConsulRegistrationJson.Write(registration));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var what = $"registering '{registration.Id}'";
        await SendExpectingSuccessAsync(HttpMethod.Put, "v1/agent/service/register", content, what, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the local agent has the service instance <paramref name="id"/> (an agent restarted without its data has not).</summary>
    /// <param name="id">The instance id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>True when registered.</returns>
    internal async Task<bool> HasServiceAsync(string id, CancellationToken cancellationToken = default)
    {
        var what = $"looking up '{id}'";
        return await SendAsync(HttpMethod.Get, $"v1/agent/service/{Uri.EscapeDataString(id)}", null, null, what, async (response, token) =>
        {
            if (response.Status == HttpStatusCode.NotFound)
            {
                return false;
            }

            await EnsureSuccessAsync(response, what, token).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks the TTL check <paramref name="checkId"/> as passing.</summary>
    /// <param name="checkId">The check id (<c>service:{id}</c> for a service's own check).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task.</returns>
    internal async Task PassTtlAsync(string checkId, CancellationToken cancellationToken = default)
    {
        var what = $"passing the check '{checkId}'";
        await SendExpectingSuccessAsync(HttpMethod.Put, $"v1/agent/check/pass/{Uri.EscapeDataString(checkId)}", null, what, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deregisters a service instance from the local agent.</summary>
    /// <param name="id">The instance id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task.</returns>
    public async Task DeregisterServiceAsync(string id, CancellationToken cancellationToken = default)
    {
        var what = $"deregistering '{id}'";
        await SendExpectingSuccessAsync(HttpMethod.Put, $"v1/agent/service/deregister/{Uri.EscapeDataString(id)}", null, what, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The address of the cluster leader, or an empty string while there is none.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The leader's address.</returns>
    public async Task<string> LeaderAsync(CancellationToken cancellationToken = default)
    {
        const string what = "reading the leader";
        return await SendAsync(HttpMethod.Get, "v1/status/leader", null, null, what, async (response, token) =>
        {
            await EnsureSuccessAsync(response, what, token).ConfigureAwait(false);
            return await ReadJsonAsync(response, ConsulJsonContext.Default.String, what, token).ConfigureAwait(false) ?? string.Empty;
        }, cancellationToken).ConfigureAwait(false);
    }
}
