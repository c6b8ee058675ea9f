using System.ComponentModel.DataAnnotations;
using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Config.Providers.Tests.Settings;

/// <summary>Shapes the binder handles: records, nested objects, collections, dictionaries, nullables, unknown keys.</summary>
public class BindingTests
{
    public sealed record Database(string Host, int Port = 5432, [property: Secret] string? Password = null);

    public sealed class Service
    {
        public required Database Database { get; init; }

        public List<string> Hosts { get; set; } = [];

        public int[] Ports { get; set; } = [];

        public HashSet<string> Tags { get; } = new();

        public Dictionary<string, int> Limits { get; set; } = new();

        public Dictionary<string, Database> Replicas { get; set; } = new();

        public List<Database> Shards { get; set; } = [];

        public TimeSpan? Timeout { get; set; }

        public int? Retries { get; set; } = 3;

        public string Name { get; set; } = "default-name";

        [ByteSize]
        public long MaxBody { get; set; }

        [ConfigurationKeyName("queue_name")]
        public string? QueueName { get; set; }
    }

    // Strict, so that an unknown key in these tests is a problem that shows up.
    private static readonly Action<SettingsOptions> Strict = o => o.UnknownKeys = UnknownKeyPolicy.Error;

    // Each test names its AddSettings<T> call itself: a call inside a generic helper would hide T from the settings
    // source generator, and these tests must run through generated code here and through reflection in
    // Config.Providers.Tests.Reflection.
    private static T Bind<T>(Func<IServiceCollection, OptionsBuilder<T>> register, params (string Key, string? Value)[] pairs)
        where T : class
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        register(services);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<T>>().Value;
    }

    private static OptionsValidationException BindFails<T>(Func<IServiceCollection, OptionsBuilder<T>> register, params (string Key, string? Value)[] pairs)
        where T : class =>
        Assert.ThrowsAny<OptionsValidationException>(() => Bind(register, pairs));

    [Fact]
    public void Binds_records_through_their_constructor_with_defaults_for_missing_parameters()
    {
        var service = Bind(s => s.AddSettings<Service>("App", Strict), ("App:Database:Host", "db.internal"));
        Assert.Equal(new Database("db.internal", 5432, null), service.Database);
    }

    [Fact]
    public void Binds_nested_objects_collections_dictionaries_and_nullables()
    {
        var service = Bind(
            s => s.AddSettings<Service>("App", Strict),
            ("App:Database:Host", "db"), ("App:Database:Port", "6432"),
            ("App:Hosts:0", "a"), ("App:Hosts:1", "b"), ("App:Hosts:10", "c"),
            ("App:Ports", "80, 443"),
            ("App:Tags", "[\"blue\", \"green\"]"),
            ("App:Limits:orders", "10"), ("App:Limits:Payments", "20"),
            ("App:Replicas:eu:Host", "eu.db"), ("App:Replicas:us:Host", "us.db"), ("App:Replicas:us:Port", "7000"),
            ("App:Shards:0:Host", "s0"), ("App:Shards:1:Host", "s1"),
            ("App:Timeout", "1m30s"), ("App:Retries", ""),
            ("App:MaxBody", "4MiB"), ("App:queue_name", "orders"));

        Assert.Equal(6432, service.Database.Port);
        Assert.Equal(["a", "b", "c"], service.Hosts);
        Assert.Equal([80, 443], service.Ports);
        Assert.Equal(new HashSet<string> { "blue", "green" }, service.Tags);
        Assert.Equal(10, service.Limits["ORDERS"]);
        Assert.Equal(20, service.Limits["payments"]);
        Assert.Equal(new Database("us.db", 7000), service.Replicas["us"]);
        Assert.Equal("eu.db", service.Replicas["eu"].Host);
        Assert.Equal(["s0", "s1"], service.Shards.Select(s => s.Host));
        Assert.Equal(TimeSpan.FromSeconds(90), service.Timeout);
        Assert.Null(service.Retries);
        Assert.Equal(4L * 1024 * 1024, service.MaxBody);
        Assert.Equal("orders", service.QueueName);
    }

    [Fact]
    public void Absent_keys_keep_the_defaults_the_class_declares()
    {
        var service = Bind(s => s.AddSettings<Service>("App", Strict), ("App:Database:Host", "db"));
        Assert.Equal("default-name", service.Name);
        Assert.Equal(3, service.Retries);
        Assert.Null(service.Timeout);
        Assert.Empty(service.Hosts);
    }

    [Fact]
    public void Missing_required_members_and_constructor_parameters_are_reported_by_key()
    {
        var error = BindFails(s => s.AddSettings<Service>("App", Strict), ("App:Name", "x"));
        Assert.Contains("App:Database: required Database setting is missing", error.Message);

        error = BindFails(s => s.AddSettings<Service>("App", Strict), ("App:Database:Port", "1"));
        Assert.Contains("App:Database:Host: required String setting is missing", error.Message);
    }

    [Fact]
    public void Unknown_keys_are_problems_with_a_did_you_mean_suggestion()
    {
        var error = BindFails(s => s.AddSettings<Service>("App", Strict), ("App:Database:Host", "db"), ("App:Database:Prot", "1"), ("App:Retires", "2"), ("App:Zzzzzz", "3"));
        Assert.Contains("App:Database:Prot: unknown setting: Database has no member 'Prot' (did you mean 'Port'?)", error.Message);
        Assert.Contains("App:Retires: unknown setting: Service has no member 'Retires' (did you mean 'Retries'?)", error.Message);
        Assert.Contains("App:Zzzzzz: unknown setting: Service has no member 'Zzzzzz'", error.Message);
        Assert.DoesNotContain("'Zzzzzz' (did you mean", error.Message);
    }

    [Fact]
    public void Unknown_keys_can_be_ignored_by_policy()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("App:Database:Host", "db"), new("App:Extra", "1")]).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddSettings<Service>("App", o => o.UnknownKeys = UnknownKeyPolicy.Ignore);
        using var provider = services.BuildServiceProvider();
        Assert.Equal("db", provider.GetRequiredService<IOptions<Service>>().Value.Database.Host);
    }

    [Fact]
    public void Ignoring_unknown_keys_binds_the_same_values_and_still_reports_missing_required_members()
    {
        (string, string?)[] data =
        [
            ("App:Database:Host", "db"), ("App:Database:Port", "6432"), ("App:Hosts", "a,b"), ("App:Limits:x", "1"),
            ("App:Shards:0:Host", "s0"), ("App:Timeout", "5s"), ("App:Name", "n"), ("App:MaxBody", "1KiB"), ("App:Unknown", "u"),
        ];
        Service BindWith(UnknownKeyPolicy policy, (string, string?)[] pairs)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Item1, p.Item2))).Build();
            var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
            services.AddSettings<Service>("App", o => o.UnknownKeys = policy);
            using var provider = services.BuildServiceProvider();
            return provider.GetRequiredService<IOptions<Service>>().Value;
        }

        var ignoring = BindWith(UnknownKeyPolicy.Ignore, data);
        var warning = BindWith(UnknownKeyPolicy.Warn, data);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(warning), System.Text.Json.JsonSerializer.Serialize(ignoring));
        Assert.Equal(6432, ignoring.Database.Port);

        var error = Assert.ThrowsAny<OptionsValidationException>(() => BindWith(UnknownKeyPolicy.Ignore, [("App:Name", "n")]));
        Assert.Contains("App:Database: required Database setting is missing", error.Message);
    }

    [Theory]
    [InlineData("App:Hosts:x", "a", "App:Hosts:x: unknown setting: 'x' is not a list index")]
    [InlineData("App:Ports", "80, http", "App:Ports: item 1 ('http') is not a valid Int32")]
    [InlineData("App:Ports", "[80, \"x\"", "App:Ports: not a valid JSON array of values")]
    [InlineData("App:Shards", "s0,s1", "App:Shards: a list of Database needs indexed child keys")]
    [InlineData("App:Limits", "10", "App:Limits: expected child keys for a dictionary of Int32")]
    [InlineData("App:Limits:orders", "many", "App:Limits:orders: 'many' is not a valid Int32")]
    [InlineData("App:Timeout", "30", "App:Timeout: '30' is not a valid duration: a bare number is ambiguous")]
    [InlineData("App:MaxBody", "4 lots", "App:MaxBody: '4 lots' is not a valid byte size: unknown unit 'lots'")]
    [InlineData("App:Database", "db:5432", "App:Database: expected child keys for Database, found a single value")]
    [InlineData("App:Name:Inner", "x", "App:Name: expected a single String value, found child keys (Inner)")]
    public void Malformed_shapes_name_the_key_and_what_was_expected(string key, string value, string expected)
    {
        var pairs = key.StartsWith("App:Database", StringComparison.Ordinal) ? [(key, value)] : new[] { ("App:Database:Host", "db"), (key, value) };
        var error = BindFails(s => s.AddSettings<Service>("App", Strict), pairs!);
        Assert.Contains(expected, error.Message);
        Assert.Contains("(from in-memory configuration)", error.Message);
    }

    public sealed record DatabaseDefaults(string Host, int Port = 5432, string? Password = null);

    public sealed class Pool
    {
        public int Size { get; set; } = 10;

        public string Name { get; set; } = "default";
    }

    public sealed class WithDefaults
    {
        public DatabaseDefaults Database { get; set; } = new("localhost");

        public Pool Pool { get; set; } = new() { Name = "orders-pool", Size = 4 };
    }

    [Fact]
    public void An_initializers_object_is_the_default_of_what_configuration_does_not_set()
    {
        // The README's shape: setting only the port keeps the initializer's host (it was rebuilt from keys alone, and
        // failed with "required String setting is missing").
        var bound = Bind(s => s.AddSettings<WithDefaults>("App", Strict), ("App:Database:Port", "6000"), ("App:Pool:Size", "8"));

        Assert.Equal(new DatabaseDefaults("localhost", 6000), bound.Database);
        Assert.Equal((8, "orders-pool"), (bound.Pool.Size, bound.Pool.Name));

        var untouched = Bind(s => s.AddSettings<WithDefaults>("App", Strict), ("App:Pool:Name", "p"));
        Assert.Equal(new DatabaseDefaults("localhost"), untouched.Database);
    }

    public sealed class Names : List<string>;

    public sealed class WithNamedList
    {
        public Names Hosts { get; set; } = [];

#pragma warning disable CPS1005 // on purpose: the test shows the item is replaced
        public Names Fallbacks { get; } = ["keep"];
#pragma warning restore CPS1005
    }

    public sealed class Grid
    {
        public string[,] Cells { get; set; } = new string[0, 0];
    }

    [Fact]
    public void A_type_deriving_from_List_binds_as_a_list_as_ConfigurationBinder_binds_it()
    {
        var bound = Bind(s => s.AddSettings<WithNamedList>("App", Strict), ("App:Hosts:0", "a"), ("App:Hosts:1", "b"), ("App:Fallbacks:0", "c"));

        Assert.IsType<Names>(bound.Hosts);
        Assert.Equal(["a", "b"], bound.Hosts);
        Assert.Equal(["c"], bound.Fallbacks);   // a get-only list is filled in place (its items replaced: docs/settings.md)
    }

    [Fact]
    public void A_stray_key_under_a_list_is_an_unknown_key_the_list_still_binds_from_its_indexes()
    {
        var bound = Bind(s => s.AddSettings<WithNamedList>("App"), ("App:Hosts:0", "a"), ("App:Hosts:x", "stray"), ("App:Hosts:1", "b"));

        Assert.Equal(["a", "b"], bound.Hosts);
    }

    [Fact]
    public void A_multi_dimensional_array_is_refused_with_the_true_reason()
    {
#pragma warning disable CPS1001 // the generator leaves Grid to reflection, which must refuse it, saying why
        var error = Record.Exception(() => Bind(s => s.AddSettings<Grid>("App"), ("App:Cells:0", "x")));
#pragma warning restore CPS1001
        Assert.NotNull(error);
        Assert.Contains("multi-dimensional array, which configuration cannot describe", error.ToString());
        Assert.DoesNotContain("several public constructors", error.ToString());
    }

    [Fact]
    public void Types_that_cannot_be_bound_fail_at_registration()
    {
        var services = new ServiceCollection();
#pragma warning disable CPS1001 // the generator rightly leaves Stream to reflection, which must refuse it
        var error = Assert.Throws<InvalidOperationException>(() => services.AddSettings<Stream>("App"));
#pragma warning restore CPS1001
        Assert.Contains("cannot be bound", error.Message);
    }

    public sealed class Positional([Range(1, 10)] int level, string name)
    {
        public int Level { get; } = level;

        public string Name { get; } = name;
    }

    [Fact]
    public void Validation_attributes_on_constructor_parameters_are_applied()
    {
        var error = BindFails(s => s.AddSettings<Positional>("App", Strict), ("App:Level", "11"), ("App:Name", "x"));
        Assert.Contains("App:Level: The field Level must be between 1 and 10.", error.Message);
    }
}
