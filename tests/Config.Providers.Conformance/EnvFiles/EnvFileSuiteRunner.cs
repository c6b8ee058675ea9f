using System.Text;
using Config.Providers.Conformance.Support;
using Config.Providers.Core;
using Config.Providers.EnvFiles;
using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Conformance.EnvFiles;

/// <summary>
/// Runs an env-file case through <c>AddEnvFile</c> on a real file, and checks it — or the documented difference listed
/// for it: the lines where we stop loudly, then the rest of the file, without them, read as the suite says.
/// </summary>
internal static class EnvFileSuiteRunner
{
    /// <summary>A case that differs on purpose: we stop at <paramref name="Lines"/> where the suite's parser drops or ignores them.</summary>
    internal sealed record Difference(int[] Lines, string[] KeysLeftOut, string Reason);

    public static void Check(EnvFileSuiteCase suiteCase, EnvFileDialect dialect, Difference? difference)
    {
        if (difference is not null)
        {
            var error = Assert.Throws<ConfigurationFormatException>(() => Read(suiteCase.Input, suiteCase.Environment, dialect));
            Assert.True(error.Line == difference.Lines[0], $"{suiteCase}: expected the loud error at line {difference.Lines[0]} ({difference.Reason}), got {error.Message}");
            var kept = string.Join('\n', suiteCase.Input.Split('\n').Where((_, index) => !difference.Lines.Contains(index + 1)));
            var expect = suiteCase.Expect!.Where(pair => !difference.KeysLeftOut.Contains(pair.Key)).ToDictionary();
            AssertValues(suiteCase, expect, Read(kept, suiteCase.Environment, dialect));
            return;
        }

        if (suiteCase.Rejected)
        {
            var refused = Assert.Throws<ConfigurationFormatException>(() => Read(suiteCase.Input, suiteCase.Environment, dialect));
            Assert.True(suiteCase.Line is null || refused.Line == suiteCase.Line, $"{suiteCase}: refused at line {refused.Line}, the suite says {suiteCase.Line}");
            return;
        }

        AssertValues(suiteCase, suiteCase.Expect!, Read(suiteCase.Input, suiteCase.Environment, dialect));
    }

    private static void AssertValues(EnvFileSuiteCase suiteCase, IReadOnlyDictionary<string, string> expect, Dictionary<string, string?> actual)
    {
        foreach (var (key, value) in expect)
        {
            Assert.True(actual.TryGetValue(key, out var ours), $"{suiteCase}: key '{key}' is missing");
            Assert.True(value == ours, $"{suiteCase}: key '{key}': expected \"{Show(value)}\", read \"{Show(ours)}\"");
        }

        var extra = actual.Keys.FirstOrDefault(key => !expect.ContainsKey(key));
        Assert.True(extra is null, $"{suiteCase}: extra key '{extra}'");
    }

    private static string Show(string? value) => value?.Replace("\\", "\\\\").Replace("\n", "\\n").Replace("\t", "\\t") ?? "null";

    private static Dictionary<string, string?> Read(string text, IReadOnlyDictionary<string, string> environment, EnvFileDialect dialect)
    {
        using var directory = new TempDirectory();
        var path = directory.File("suite.env");
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(text));
        var configuration = new ConfigurationBuilder().AddEnvFile(s =>
        {
            s.Path = path;
            s.Dialect = dialect;
            s.Environment = name => environment.GetValueOrDefault(name);
        }).Build();
        return ConfigurationLeaves.Of(configuration);
    }
}
