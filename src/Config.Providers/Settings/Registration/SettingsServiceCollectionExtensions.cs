using System.Diagnostics.CodeAnalysis;
using Config.Providers;
using Config.Providers.Settings.Pipeline;
using Config.Providers.Settings.Binding.Reflection;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers typed, validated, reload-safe settings.</summary>
public static class SettingsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <typeparamref name="T"/> from the configuration section <paramref name="sectionPath"/> with coercion,
    /// validates it (DataAnnotations on the whole tree, every FluentValidation <c>IValidator&lt;T&gt;</c> in DI, and
    /// any validation added to the returned builder) when the host starts and on every reload, and applies
    /// reloaded values only to <see cref="MutableAttribute">[Mutable]</see> settings.
    /// <para>
    /// The settings source generator in this package replaces each call with one that describes
    /// <typeparamref name="T"/> at compile time, so nothing here uses reflection; a call it cannot see (or a type it
    /// cannot describe) binds by reflection, which is why this method is marked for the trimmer (docs/aot.md).
    /// </para>
    /// </summary>
    /// <typeparam name="T">The settings class or record.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="sectionPath">The configuration section, such as <c>"Orders"</c> or <c>"Orders:Database"</c>; empty for the root.</param>
    /// <param name="configure">Optional policies for this settings type.</param>
    /// <returns>The options builder, to add more configuration or validation in the framework's own way.</returns>
    [RequiresUnreferencedCode(ReflectionTypeShapes.Message)]
    [RequiresDynamicCode(ReflectionTypeShapes.Message)]
    public static OptionsBuilder<T> AddSettings<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(this IServiceCollection services, string sectionPath, Action<SettingsOptions>? configure = null)
        where T : class
        => services.AddSettings<T>(Options.Options.DefaultName, sectionPath, configure);

    /// <summary>As <see cref="AddSettings{T}(IServiceCollection, string, Action{SettingsOptions}?)"/>, for named options.</summary>
    /// <typeparam name="T">The settings class or record.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The options name, as passed to <see cref="IOptionsMonitor{TOptions}.Get(string)"/>.</param>
    /// <param name="sectionPath">The configuration section; empty for the root.</param>
    /// <param name="configure">Optional policies for this settings type.</param>
    /// <returns>The options builder.</returns>
    [RequiresUnreferencedCode(ReflectionTypeShapes.Message)]
    [RequiresDynamicCode(ReflectionTypeShapes.Message)]
    public static OptionsBuilder<T> AddSettings<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(this IServiceCollection services, string name, string sectionPath, Action<SettingsOptions>? configure = null)
        where T : class
        => SettingsRegistration.Add<T>(services, name, sectionPath, configure, ReflectionTypeShapes.For(typeof(T)));
}
