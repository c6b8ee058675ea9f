using System.Text.RegularExpressions;
using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Tests.Architecture;

/// <summary>
/// The public surface stays small and the documentation says how small: every public type is one a user names or
/// generated code calls (issue 19: at most 45).
/// </summary>
public sealed class PublicSurfaceTests
{
    private static readonly Type[] PublicTypes = typeof(SecretAttribute).Assembly.GetExportedTypes();

    [Fact]
    public void At_most_45_public_types()
    {
        Assert.True(PublicTypes.Length <= 45, $"{PublicTypes.Length} public types: " + string.Join(", ", PublicTypes.Select(t => t.Name).Order()));
    }

    [Fact]
    public void The_architecture_document_states_the_count()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "architecture.md"));
        var stated = Regex.Match(text, @"## Public surface\s+(\d+) public types");
        Assert.True(stated.Success, "docs/architecture.md has no \"## Public surface\" section starting with the count");
        Assert.Equal(PublicTypes.Length, int.Parse(stated.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Providers_are_reached_through_their_sources_not_named()
    {
        // A source's Build returns IConfigurationProvider; origins and health have their own public interfaces.
        var providers = PublicTypes.Where(t => typeof(IConfigurationProvider).IsAssignableFrom(t)).Select(t => t.FullName).ToList();
        Assert.Empty(providers);
        Assert.Contains(PublicTypes, t => typeof(IConfigurationSource).IsAssignableFrom(t));
    }
}
