using Microsoft.Extensions.Options;

namespace Config.Providers.Settings.Validation;

/// <summary>
/// Invalid settings of one type: an <see cref="OptionsValidationException"/> whose message lists one problem per line
/// under a heading naming the type and section, instead of the framework's one <c>; </c>-joined line.
/// </summary>
internal sealed class SettingsValidationException(string optionsName, Type optionsType, string sectionPath, IReadOnlyList<string> failures)
    : OptionsValidationException(optionsName, optionsType, failures)
{
    public string SectionPath { get; } = sectionPath;

    public override string Message => Heading + Environment.NewLine + Lines;

    /// <summary><c>Orders (section 'Orders')</c>, with the options name when it is not the default.</summary>
    public string Label => SettingsLabel.Of(OptionsType, OptionsName) + $" (section '{SectionPath}')";

    /// <summary>Every problem, one per indented line.</summary>
    public string Lines => string.Join(Environment.NewLine, Failures.Select(f => "  " + f));

    private string Heading => $"Settings {Label} are invalid: {Failures.Count()} problem(s):";
}
