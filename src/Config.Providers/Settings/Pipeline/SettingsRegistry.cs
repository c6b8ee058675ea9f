using System.Diagnostics.CodeAnalysis;
using System.Collections.Concurrent;

namespace Config.Providers.Settings.Pipeline;

/// <summary>The pipelines of one settings type, one per options name declared with <c>AddSettings</c>.</summary>
internal sealed class SettingsRegistry<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T> : IDisposable
    where T : class
{
    private readonly Dictionary<string, SettingsDefinition<T>> definitions;
    private readonly ConcurrentDictionary<string, Lazy<SettingsPipeline<T>>> pipelines = new();
    private readonly SettingsServices services;

    public SettingsRegistry(IEnumerable<SettingsDefinition<T>> definitions, SettingsServices services)
    {
        this.services = services;
        this.definitions = new Dictionary<string, SettingsDefinition<T>>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            if (!this.definitions.TryAdd(definition.Name, definition))
            {
                throw new InvalidOperationException($"AddSettings<{typeof(T).Name}>() was called twice for the options name '{definition.Name}'.");
            }
        }
    }

    public bool IsDeclared(string name) => definitions.ContainsKey(name);

    public SettingsPipeline<T> Get(string name)
    {
        if (!definitions.TryGetValue(name, out var definition))
        {
            throw new InvalidOperationException($"No AddSettings<{typeof(T).Name}>() call declares the options name '{name}'.");
        }

        return pipelines.GetOrAdd(name, _ => new Lazy<SettingsPipeline<T>>(() => new SettingsPipeline<T>(definition, services))).Value;
    }

    public void Dispose()
    {
        foreach (var pipeline in pipelines.Values.Where(p => p.IsValueCreated))
        {
            pipeline.Value.Dispose();
        }
    }
}
