using Microsoft.Extensions.Primitives;

namespace Config.Providers;

/// <summary>
/// Every reload outcome for every settings type registered with <c>AddSettings&lt;T&gt;</c>: subscribe to
/// receive <see cref="SettingsReloadReport"/>s, ask what is waiting for a restart, or get a change token that
/// fires only when mutable changes are applied.
/// </summary>
public interface ISettingsChangeFeed : IObservable<SettingsReloadReport>
{
    /// <summary>Keys that changed in configuration but wait for a restart, per settings type and name.</summary>
    IReadOnlyList<SettingsReloadReport> PendingRestarts { get; }

    /// <summary>A token that fires when a reload applies mutable changes to <typeparamref name="TOptions"/>; never for other reloads.</summary>
    /// <typeparam name="TOptions">A type registered with <c>AddSettings&lt;T&gt;</c>.</typeparam>
    /// <param name="name">The options name; null for the default.</param>
    IChangeToken GetChangeToken<TOptions>(string? name = null)
        where TOptions : class;
}
