namespace Config.Providers.AspNetCore;

/// <summary>The inspector's page (<c>inspector.html</c>, embedded): one self-contained file, read once.</summary>
internal static class InspectorPage
{
    private static readonly Lazy<string> Text = new(() =>
    {
        using var stream = typeof(InspectorPage).Assembly.GetManifestResourceStream("Config.Providers.AspNetCore.inspector.html")
            ?? throw new InvalidOperationException("The inspector page is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The page; <c>{{nonce}}</c> marks where the response's script and style nonce goes.</summary>
    public static string Html => Text.Value;
}
