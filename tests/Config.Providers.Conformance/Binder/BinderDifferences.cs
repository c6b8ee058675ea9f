namespace Config.Providers.Conformance.Binder;

/// <summary>
/// Where <c>AddSettings&lt;T&gt;</c> binds differently from <c>ConfigurationBinder</c> on purpose: each with both
/// outcomes (asserted exactly by its case in <see cref="ConfigurationBinderSuiteTests"/>) and the reason, the same
/// rows as docs/settings.md "Coming from ConfigurationBinder". A difference that goes away fails its case.
/// </summary>
internal static class BinderDifferences
{
    public static readonly BinderDifference InitialisedListWithKeys = new(
        Framework: """{"Items":["default","configured"]}""",
        Ours: """{"Items":["configured"]}""",
        Why: "a reload must give what a start gives: appending would grow the list on every reload (CPS1005 warns)");

    public static readonly BinderDifference NonNumericKeyUnderAList = new(
        Framework: """{"Array":null,"Numbers":[1,2],"ReadOnly":null,"Sequence":null}""",
        Ours: """{"Array":null,"Numbers":[1],"ReadOnly":null,"Sequence":null}""",
        Why: "a key that is no index is more likely a mistake than an item: warned as an unknown key (an error with UnknownKeys = Error)");

    public static readonly BinderDifference ValueAndChildrenForAnObject = new(
        Framework: """{"Boolean":false,"Integer":0,"Nested":{"Integer":1},"Virtual":null}""",
        Ours: BinderComparison.Fails,
        Why: "an environment variable over a file's section is not a silent choice between them");

    public static readonly BinderDifference ObjectMember = new(
        Framework: """{"Object":"whatever"}""",
        Ours: BinderComparison.Fails,
        Why: "a member typed object has no shape to coerce, validate or describe in the schema: refused when AddSettings is called");

    public static readonly BinderDifference BooleanWords = new(
        Framework: BinderComparison.Fails,
        Ours: """{"Value":true}""",
        Why: "yes/no, on/off and 1/0 are how env files and YAML 1.1 write booleans (coercion table)");

    public static readonly BinderDifference DurationUnits = new(
        Framework: BinderComparison.Fails,
        Ours: """{"Value":"00:00:30"}""",
        Why: "30s, 5m, 1h30m and ISO 8601 durations are read, as Consul and compose write them (coercion table)");

    public static readonly BinderDifference EnumNumberNamingNoMember = new(
        Framework: """{"Value":7}""",
        Ours: BinderComparison.Fails,
        Why: "a number that names no member is a mistake the enum cannot hold safely; flags combine named members");

    public static readonly BinderDifference RelativeUri = new(
        Framework: """{"Value":"/etc/orders"}""",
        Ours: BinderComparison.Fails,
        Why: "a Uri setting is an address to call: a relative one is a mistake found at startup, not at the first request");

    public static readonly BinderDifference HexTwosComplement = new(
        Framework: """{"Value":-1}""",
        Ours: BinderComparison.Fails,
        Why: "the digits after 0x are a magnitude: a value that does not fit is a mistake, not a negative number");
}

/// <summary>One deliberate difference: both outcomes (JSON of the bound object, or <c>fails</c>) and why.</summary>
internal sealed record BinderDifference(string Framework, string Ours, string Why);
