using System.Text;
using Config.Providers.EnvFiles;
using Config.Providers.Settings.Binding;
using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Tests.Settings;

/// <summary>
/// The binder reads a section in one pass over the providers' keys instead of through <c>IConfiguration</c>; what it
/// reads must be what <c>IConfiguration</c> answers — every key, every value, the same precedence — for every kind of
/// provider a host has, including ones it cannot read that way.
/// </summary>
public class SectionTreeTests
{
    private static readonly Dictionary<string, string?> Base = new()
    {
        ["Service:Name"] = "orders",
        ["Service:Port"] = "8080",
        ["Service:Db:Host"] = "db",
        ["Service:Db:Port"] = "5432",
        ["Service:Hosts:0"] = "a",
        ["Service:Hosts:10"] = "k",
        ["Service:Hosts:2"] = "c",
        ["Service"] = "the section's own value",
        ["Service:Both"] = "value",
        ["Service:Both:Child"] = "and a child",
        ["Service:Empty"] = "",
        ["Service:Null"] = null,
        ["Service:Trailing:"] = "empty last segment",
        ["Service::Lead"] = "empty middle segment",
        ["ServiceX:Port"] = "not under Service",
        ["Other:Key"] = "x",
    };

    [Theory]
    [InlineData("Service")]
    [InlineData("service")]
    [InlineData("Service:Db")]
    [InlineData("")]
    [InlineData("Missing")]
    public void Memory_json_command_line_and_environment_read_as_IConfiguration_answers(string sectionPath)
    {
        var json = """{ "Service": { "Port": "9090", "DB": { "Host": "json-db", "Pool": "5" }, "Hosts": ["j0", "j1"] } }""";
        var variable = "SECTIONTREE_" + Guid.NewGuid().ToString("N")[..8] + "_";
        Environment.SetEnvironmentVariable(variable + "SERVICE__DB__PORT", "6543");
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(Base)
                .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json)))
                .AddEnvironmentVariables(variable)
                .AddCommandLine(["--Service:Name=from-args", "--service:hosts:1=args1"])
                .Build();

            AssertSame(configuration, sectionPath);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable + "SERVICE__DB__PORT", null);
        }
    }

    [Fact]
    public void This_library_s_providers_read_as_IConfiguration_answers()
    {
        using var directory = new TempDirectory();
        var file = directory.Write(".env", "Service__Port=7070\nSERVICE__DB__HOST=env-db\nService__Extra__0=e0\n");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Base).AddEnvFile(file).Build();

        AssertSame(configuration, "Service");
        Assert.Equal("env-db", SectionTree.Read(configuration, "Service").Children.Single(c => c.Key == "Db").Children.Single(c => c.Key.Equals("Host", StringComparison.OrdinalIgnoreCase)).Value);
    }

    [Fact]
    public void Chained_configurations_and_ConfigurationManager_read_as_IConfiguration_answers()
    {
        var inner = new ConfigurationBuilder().AddInMemoryCollection(Base).Build();
        var manager = new ConfigurationManager();
        manager.AddConfiguration(inner);
        manager.AddConfiguration(inner.GetSection("Service"));
        manager.AddInMemoryCollection(new Dictionary<string, string?> { ["Service:Db:Host"] = "last wins" });

        AssertSame(manager, "Service");
        AssertSame(manager, "Db");
        Assert.Equal("last wins", Find(SectionTree.Read(manager, "Service"), "Service:Db:Host")?.Value);
    }

    [Fact]
    public void A_provider_with_its_own_lookup_is_asked_through_its_public_members()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(Base)
            .Add(new UpperCaseSource())
            .Build();

        AssertSame(configuration, "Service");
        Assert.Equal("ORDERS", Find(SectionTree.Read(configuration, "Service"), "Service:Name")?.Value);
    }

    [Fact]
    public void A_configuration_that_is_not_a_root_is_listed_level_by_level()
    {
        var root = new ConfigurationBuilder().AddInMemoryCollection(Base).Build();
        var section = root.GetSection("Service");

        AssertSame(section, "Db");
        Assert.Equal("Service:Db:Host", Find(SectionTree.Read(section, "Db"), "Service:Db:Host")?.Path);
    }

    [Fact]
    public void Thousands_of_keys_under_one_node_are_all_found_whatever_their_case()
    {
        var data = new Dictionary<string, string?>();
        for (var i = 0; i < 5000; i++)
        {
            data[$"Map:Key{i}"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(data)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["MAP:KEY4321"] = "overridden", ["map:key17:child"] = "deeper" })
            .Build();

        var tree = SectionTree.Read(configuration, "Map");
        Assert.Equal(5000, tree.ChildCount);
        Assert.Equal("overridden", Find(tree, "Map:Key4321")?.Value);
        Assert.Equal("deeper", Find(tree, "Map:Key17:child")?.Value);
        AssertSame(configuration, "Map");
    }

    [Fact]
    public void Every_provider_read_through_its_dictionary_answers_from_that_dictionary()
    {
        // The one-pass read is right only for providers whose keys and values are their Data: a provider of this
        // library, or a framework one, that starts answering some other way must move to the listing path.
        var ours = typeof(SectionTree).Assembly.GetTypes().Where(t => typeof(ConfigurationProvider).IsAssignableFrom(t));
        var framework = new[]
        {
            typeof(Microsoft.Extensions.Configuration.Memory.MemoryConfigurationProvider),
            typeof(Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationProvider),
            typeof(Microsoft.Extensions.Configuration.CommandLine.CommandLineConfigurationProvider),
            typeof(Microsoft.Extensions.Configuration.Json.JsonConfigurationProvider),
            typeof(Microsoft.Extensions.Configuration.Json.JsonStreamConfigurationProvider),
        };

        var types = ours.Concat(framework).ToList();
        Assert.True(types.Count > framework.Length + 5, "this library's providers were not found");
        var answeringOtherwise = types.Where(t =>
            t.GetMethod(nameof(ConfigurationProvider.TryGet))!.DeclaringType != typeof(ConfigurationProvider)
            || t.GetMethod(nameof(ConfigurationProvider.GetChildKeys))!.DeclaringType != typeof(ConfigurationProvider));
        Assert.Empty(answeringOtherwise);

        // …and every one of them is read that way (the JSON providers are recognised by name: no package reference).
        Assert.All(types, t => Assert.True(SectionTree.KeysAreData(t), t.FullName));
        Assert.False(SectionTree.KeysAreData(typeof(UpperCaseProvider)));
    }

    /// <summary>Every key under the section, with its value, as <c>IConfiguration</c> lists and answers them.</summary>
    private static void AssertSame(IConfiguration configuration, string sectionPath)
    {
        var expected = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var section = sectionPath.Length == 0 ? configuration : configuration.GetSection(sectionPath);
        Walk(section, expected);

        var actual = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var tree = SectionTree.Read(configuration, sectionPath);
        Flatten(tree, actual);

        Assert.Equal((section as IConfigurationSection)?.Value, tree.Value);
        // Keys compare ignoring case, as configuration does; a key two providers spell differently may take either spelling.
        Assert.Equal(expected.Keys.Order(StringComparer.OrdinalIgnoreCase), actual.Keys.Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
        Assert.All(expected, pair => Assert.Equal(pair.Value, actual[pair.Key]));
    }

    private static void Walk(IConfiguration section, Dictionary<string, string?> into)
    {
        foreach (var child in section.GetChildren())
        {
            into[child.Path] = child.Value;
            Walk(child, into);
        }
    }

    private static void Flatten(SectionNode node, Dictionary<string, string?> into)
    {
        foreach (var child in node.Children)
        {
            Assert.True(into.TryAdd(child.Path, child.Value), $"{child.Path} appears twice");
            Assert.EndsWith(child.Key, child.Path, StringComparison.Ordinal);
            Flatten(child, into);
        }
    }

    private static SectionNode? Find(SectionNode node, string path)
    {
        if (node.Path.Equals(path, StringComparison.OrdinalIgnoreCase))
        {
            return node;
        }

        return node.Children.Select(child => Find(child, path)).FirstOrDefault(found => found is not null);
    }

    /// <summary>A provider whose answers are not its dictionary: every value upper-cased on the way out.</summary>
    private sealed class UpperCaseSource : IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder) => new UpperCaseProvider();
    }

    private sealed class UpperCaseProvider : ConfigurationProvider
    {
        public UpperCaseProvider()
        {
            Data["Service:Name"] = "orders";
            Data["Service:Custom:Only"] = "here";
        }

        public override bool TryGet(string key, out string? value)
        {
            var found = base.TryGet(key, out value);
            value = value?.ToUpperInvariant();
            return found;
        }
    }
}
