namespace Config.Providers.Settings;

/// <summary>
/// One thing wrong with a settings object: the full configuration key, what is wrong (never a secret value),
/// and where the value came from when that is known.
/// </summary>
/// <param name="Key">The full configuration key, such as <c>Orders:Database:Port</c>.</param>
/// <param name="Message">What is wrong and what was expected.</param>
/// <param name="Source">Where the value came from (provider, file:line or remote key), when known.</param>
internal sealed record SettingsProblem(string Key, string Message, string? Source)
{
    public override string ToString() => Source is null ? $"{Key}: {Message}" : $"{Key}: {Message} (from {Source})";
}
