using Microsoft.Extensions.Logging;

namespace Config.Providers.AspNetCore;

/// <summary>The inspector's log messages (docs/diagnostics.md).</summary>
internal static partial class InspectorLog
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Warning, Message = "The configuration inspector at {Pattern} has no authorization: it answers requests from this machine only (others get 404). Attach a policy with .RequireAuthorization(…) to open it to others")]
    public static partial void Unprotected(ILogger logger, string pattern);
}
