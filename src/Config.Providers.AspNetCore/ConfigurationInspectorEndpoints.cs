using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Config.Providers.AspNetCore;
using Config.Providers.Inspection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// <c>app.MapConfigurationInspector()</c>: the running service's configuration — every key, the source that won and what
/// it shadowed, the settings types, pending restarts, rejected reloads, source health — as JSON and as a page
/// (docs/inspector.md). Read-only. Secrets are always masked. Without authorization attached
/// (<c>.RequireAuthorization(…)</c>), only loopback requests are answered; others get 404.
/// </summary>
public static class ConfigurationInspectorEndpoints
{
    /// <summary>
    /// Maps the inspector at <paramref name="pattern"/>: <c>GET {pattern}</c> (the page, or JSON when the request accepts
    /// <c>application/json</c>) and <c>GET {pattern}/json</c>.
    /// </summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <param name="pattern">Where to map it. Default: <c>/_config</c>.</param>
    /// <returns>The endpoints' convention builder, for <c>RequireAuthorization</c>, <c>RequireHost</c> and the like.</returns>
    public static IEndpointConventionBuilder MapConfigurationInspector(this IEndpointRouteBuilder endpoints, string pattern = "/_config")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        var group = endpoints.MapGroup(pattern);
        group.MapGet(string.Empty, (HttpContext context) => AcceptsJson(context.Request) ? WriteJsonAsync(context) : WritePageAsync(context));
        group.MapGet("/json", WriteJsonAsync);
        group.AddEndpointFilter(async (invocation, next) =>
            Allowed(invocation.HttpContext) ? await next(invocation).ConfigureAwait(false) : Results.NotFound());
        group.WithMetadata(new InspectorMarker());

        var services = endpoints.ServiceProvider;
        services.GetService<IHostApplicationLifetime>()?.ApplicationStarted.Register(() => WarnWhenOpen(services, pattern));
        return group;
    }

    /// <summary>Answered when authorization is attached, or when the request comes from this machine.</summary>
    internal static bool Allowed(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>() is not null)
        {
            return true;
        }

        var remote = context.Connection.RemoteIpAddress;
        if (remote is { IsIPv4MappedToIPv6: true })
        {
            remote = remote.MapToIPv4();
        }

        return remote is not null && IPAddress.IsLoopback(remote);
    }

    private static bool AcceptsJson(HttpRequest request) =>
        request.Headers.Accept.ToString() is var accept
        && accept.Contains("application/json", StringComparison.OrdinalIgnoreCase)
        && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static async Task WriteJsonAsync(HttpContext context)
    {
        var services = context.RequestServices;
        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body, new JsonWriterOptions { Indented = true }))
        {
            ConfigurationInspection.WriteJson(services, json, (services.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow());
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        body.Position = 0;
        await body.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WritePageAsync(HttpContext context)
    {
        // Self-contained: no CDN, no other request than the JSON beside it. The inline script runs by its nonce only.
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.ContentSecurityPolicy = $"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        await context.Response.WriteAsync(InspectorPage.Html.Replace("{{nonce}}", nonce, StringComparison.Ordinal), context.RequestAborted).ConfigureAwait(false);
    }

    private static void WarnWhenOpen(IServiceProvider services, string pattern)
    {
        var mapped = services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .Where(endpoint => endpoint.Metadata.GetMetadata<InspectorMarker>() is not null)
            .ToList();
        if (mapped.Count > 0 && mapped.Any(endpoint => endpoint.Metadata.GetMetadata<IAuthorizeData>() is null))
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Config.Providers.AspNetCore.Inspector");
            InspectorLog.Unprotected(logger, pattern);
        }
    }

    /// <summary>Marks the inspector's endpoints, so the startup check finds them.</summary>
    private sealed class InspectorMarker;
}
