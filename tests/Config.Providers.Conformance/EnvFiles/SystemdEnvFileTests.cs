using Config.Providers.EnvFiles;

namespace Config.Providers.Conformance.EnvFiles;

/// <summary>systemd's own test-env-file.c expectations against the <c>systemd</c> dialect (suites/systemd).</summary>
public class SystemdEnvFileTests
{
    private static readonly IReadOnlyList<EnvFileSuiteCase> All = EnvFileSuiteCase.Load("systemd", "test-env-file.json");

    /// <summary>
    /// Lines systemd ignores (no '=', or a name the service manager then drops) stop the file here with
    /// <c>file:line:col</c>: a line that does nothing is more often a mistake than an intent (docs/conformance.md).
    /// </summary>
    private static readonly Dictionary<string, EnvFileSuiteRunner.Difference> Differences = new()
    {
        ["load_env_file_3"] = new([7], [], "'normal ignored   \\' has no '=': systemd skips the line"),
        ["parse_env_file"] = new([6, 7, 16], ["export nine"], "'invalid line' has no '='; 'export nine' is not a variable name: systemd skips the first two and its service manager drops the third"),
    };

    public static TheoryData<string> Cases() => new(All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string name) =>
        EnvFileSuiteRunner.Check(All.Single(c => c.Name == name), EnvFileDialect.Systemd, Differences.GetValueOrDefault(name));

    [Fact]
    public void The_suite_is_all_there() => Assert.Equal(11, All.Count);
}
