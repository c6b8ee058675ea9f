using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Config.Providers.Tests.Settings;

/// <summary>
/// Settings types that reach themselves — a node with a child node, two types naming each other — bind as deep as the
/// configuration goes, through generated code here and through reflection in Config.Providers.Tests.Reflection.
/// (Before, the source generator's classifier recursed for ever on them and the compiler died of a stack overflow.)
/// </summary>
public sealed class RecursiveTypeTests
{
    public sealed class Node
    {
        public string Name { get; set; } = "";

        public Node? Child { get; set; }

        public List<Node> Children { get; set; } = [];
    }

    public sealed class Team
    {
        public string Name { get; set; } = "";

        public Person? Lead { get; set; }
    }

    public sealed class Person
    {
        public string Name { get; set; } = "";

        public Team? Team { get; set; }
    }

    private static IServiceProvider Services(params (string Key, string Value)[] pairs)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddSettings<Node>("Tree", o => o.UnknownKeys = UnknownKeyPolicy.Error);
        services.AddSettings<Team>("Team", o => o.UnknownKeys = UnknownKeyPolicy.Error);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void A_type_that_holds_itself_binds_as_deep_as_the_configuration_goes()
    {
        using var provider = (ServiceProvider)Services(
            ("Tree:Name", "root"), ("Tree:Child:Name", "a"), ("Tree:Child:Child:Name", "b"), ("Tree:Children:0:Name", "c"), ("Tree:Children:0:Child:Name", "d"));

        var tree = provider.GetRequiredService<IOptions<Node>>().Value;

        Assert.Equal("root", tree.Name);
        Assert.Equal("a", tree.Child!.Name);
        Assert.Equal("b", tree.Child.Child!.Name);
        Assert.Null(tree.Child.Child.Child);
        Assert.Equal("d", Assert.Single(tree.Children).Child!.Name);
    }

    [Fact]
    public void Two_types_that_name_each_other_bind_and_a_bad_key_deep_inside_is_named_in_full()
    {
        using var provider = (ServiceProvider)Services(("Team:Name", "core"), ("Team:Lead:Name", "ana"), ("Team:Lead:Team:Lead:Nmae", "x"));

        var error = Assert.ThrowsAny<OptionsValidationException>(() => provider.GetRequiredService<IOptions<Team>>().Value);
        Assert.Contains("Team:Lead:Team:Lead:Nmae", error.Message);

        using var valid = (ServiceProvider)Services(("Team:Name", "core"), ("Team:Lead:Name", "ana"), ("Team:Lead:Team:Name", "platform"));
        var team = valid.GetRequiredService<IOptions<Team>>().Value;
        Assert.Equal("ana", team.Lead!.Name);
        Assert.Equal("platform", team.Lead.Team!.Name);
    }
}
