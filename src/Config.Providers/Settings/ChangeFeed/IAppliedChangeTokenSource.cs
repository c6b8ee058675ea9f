namespace Config.Providers.Settings.ChangeFeed;

/// <summary>
/// Marks the change-token source <c>AddSettings&lt;T&gt;</c> registers for each options name: its token fires only when
/// mutable changes are applied. The change feed finds it without knowing the pipeline.
/// </summary>
internal interface IAppliedChangeTokenSource;
