namespace Config.Providers.Generators;

/// <summary>
/// One <c>AddSettings&lt;T&gt;</c> call, fully worked out where it is found (the type described, the shapes written, the
/// diagnostics found) and held as plain values: equal to the last run's unless the call or a type it reaches changed,
/// so an edit elsewhere leaves the generator's output step cached.
/// </summary>
/// <param name="InterceptVersion">The interceptable location's version.</param>
/// <param name="InterceptData">The interceptable location's data.</param>
/// <param name="InterceptDisplay">Where the call is, for a comment.</param>
/// <param name="Named">The overload with an options name.</param>
/// <param name="Extension">Called as an extension method.</param>
/// <param name="TypeLiteral">The settings type as generated code names it.</param>
/// <param name="Shapes">The shapes of the type and all it reaches (root <c>S0</c>), or null when it keeps the reflection path.</param>
/// <param name="Diagnostics">What to report.</param>
internal sealed record CallModel(
    int InterceptVersion,
    string InterceptData,
    string InterceptDisplay,
    bool Named,
    bool Extension,
    string TypeLiteral,
    string? Shapes,
    EquatableArray<DiagnosticInfo> Diagnostics);
