using Config.Providers.EnvFiles;

namespace Config.Providers.Conformance.EnvFiles;

/// <summary>compose-go's dotenv tests and fixtures against the <c>compose</c> dialect (suites/compose-go).</summary>
public class ComposeGoDotenvTests
{
    private static readonly IReadOnlyList<EnvFileSuiteCase> All = EnvFileSuiteCase.Load("compose-go", "cases.json");

    /// <summary>Where compose drops or misreads a line silently, we stop with <c>file:line:col</c> (docs/conformance.md).</summary>
    private static readonly Dictionary<string, EnvFileSuiteRunner.Difference> Differences = new()
    {
        ["TestReadPlainEnv"] = new([6], [], "'456 = ABC': a name starting with a digit, which compose-go's Read drops"),
        ["TestUTF8BOM"] = new([6], [], "'456 = ABC': a name starting with a digit, which compose-go drops"),
        ["TestParsing/=\"value\""] = new([1], [""], "a line with no name, which compose-go reads as the empty name"),
    };

    public static TheoryData<string> Cases() => new(All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string name) =>
        EnvFileSuiteRunner.Check(All.Single(c => c.Name == name), EnvFileDialect.Compose, Differences.GetValueOrDefault(name));

    [Fact]
    public void The_suite_is_all_there() => Assert.Equal(108, All.Count);
}
