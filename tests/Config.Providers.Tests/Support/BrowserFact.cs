using Config.Providers.Testing;

namespace Config.Providers.Tests.Support;

/// <summary>
/// A test that drives a real headless Chromium. Skipped (with the reason) only when Chromium cannot be had and
/// BROWSER_REQUIRED is not 1; CI sets BROWSER_REQUIRED=1, so there it fails instead.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("BROWSER_REQUIRED") != "1" && Chromium.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}
