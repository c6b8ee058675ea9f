using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Config.Providers.Conformance.Binder;

/// <summary>
/// Binds the same configuration with the framework's <c>ConfigurationBinder</c> (the real one, run here) and with
/// <c>AddSettings&lt;T&gt;</c>, and gives each outcome as text: the bound object as JSON with its object members in
/// name order, or <c>fails</c>. The <c>AddSettings</c> call is written by each case itself, so the settings source
/// generator sees its type (this project binds through generated code; Config.Providers.Tests.Reflection compiles the
/// same cases without the generator).
/// </summary>
internal static class BinderComparison
{
    public const string Fails = "fails";

    private static readonly JsonSerializerOptions Json = new() { IncludeFields = true };

    /// <summary>What <c>ConfigurationBinder</c> makes of section <c>App</c>.</summary>
    public static string Framework<T>((string Key, string? Value)[] pairs, Action<BinderOptions>? options = null)
    {
        try
        {
            return Show(Configuration(pairs).GetSection("App").Get<T>(o => options?.Invoke(o)));
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or NotSupportedException or MissingMethodException)
        {
            return Fails;
        }
    }

    /// <summary>What <c>AddSettings</c>, registered by <paramref name="register"/> on section <c>App</c>, makes of it.</summary>
    public static string Ours<T>(Func<IServiceCollection, OptionsBuilder<T>> register, (string Key, string? Value)[] pairs)
        where T : class
    {
        var services = new ServiceCollection().AddSingleton<IConfiguration>(Configuration(pairs));
        try
        {
            register(services);
            using var provider = services.BuildServiceProvider();
            return Show(provider.GetRequiredService<IOptions<T>>().Value);
        }
        catch (Exception e) when (e is OptionsValidationException or InvalidOperationException or NotSupportedException)
        {
            return Fails;
        }
    }

    private static IConfiguration Configuration((string Key, string? Value)[] pairs) =>
        new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Build();

    /// <summary>JSON with every object's members sorted by name, so a dictionary filled in another order compares equal.</summary>
    private static string Show<T>(T value) => value is null ? "null" : Sorted(JsonSerializer.SerializeToNode(value, Json))?.ToJsonString() ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value?.DeepClone())))),
        JsonArray a => new JsonArray([.. a.Select(item => Sorted(item?.DeepClone()))]),
        _ => node?.DeepClone(),
    };
}
