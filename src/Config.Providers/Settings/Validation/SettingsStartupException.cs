using System.Text;
using Microsoft.Extensions.Options;

namespace Config.Providers.Settings.Validation;

/// <summary>
/// Invalid settings of several types at startup: an <see cref="AggregateException"/> of their
/// <see cref="OptionsValidationException"/>s, as the framework's startup validation throws, whose message lists each
/// problem once, grouped by type — and whose <see cref="ToString"/> does not repeat every inner message again.
/// </summary>
internal sealed class SettingsStartupException(IReadOnlyList<OptionsValidationException> failures) : AggregateException(failures)
{
    public override string Message
    {
        get
        {
            var text = new StringBuilder()
                .Append($"Settings are invalid; {failures.Sum(f => f.Failures.Count())} problem(s) in {failures.Count} settings type(s):");
            foreach (var failure in failures)
            {
                text.AppendLine();
                if (failure is SettingsValidationException settings)
                {
                    text.Append(settings.Label).Append(':').AppendLine().Append(settings.Lines);
                }
                else
                {
                    text.Append(failure.OptionsType.Name).Append(':').AppendLine().Append("  ").Append(failure.Message);
                }
            }

            return text.ToString();
        }
    }

    public override string ToString() => $"{GetType().FullName}: {Message}{Environment.NewLine}{StackTrace}";
}
