using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using Config.Providers.Settings.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Config.Providers.Tests.Settings;

/// <summary>
/// This file is compiled twice: in Config.Providers.Tests, where the settings source generator replaces every
/// AddSettings&lt;T&gt; call, and in Config.Providers.Tests.Reflection, without it. The assertions are the same.
/// </summary>
public class BindingPathTests
{
#if SETTINGS_REFLECTION
    private const bool ExpectGenerated = false;
#else
    private const bool ExpectGenerated = true;
#endif

    public enum Tier
    {
        Bronze,
        Gold,
    }

    [TypeConverter(typeof(ColourConverter))]
    public sealed record Colour(byte R, byte G, byte B);

    public sealed class ColourConverter : TypeConverter
    {
        public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string);

        public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value)
        {
            var text = ((string)value).TrimStart('#');
            return text.Length == 6
                ? new Colour(Convert.ToByte(text[..2], 16), Convert.ToByte(text[2..4], 16), Convert.ToByte(text[4..], 16))
                : throw new FormatException("not #rrggbb");
        }
    }

    public sealed class Limits : Dictionary<string, int>;

    public struct Window
    {
        public int Size { get; set; }

        public TimeSpan Every { get; init; }
    }

    public sealed record Plan(string Name, Tier Tier = Tier.Gold, decimal Price = 9.5m, [property: Range(1, 100)] int Seats = 5);

    public sealed class Everything
    {
        public required Plan Plan { get; init; }

        public List<int> Ports { get; set; } = [];

        public Dictionary<string, int> Weights { get; init; } = new();

        public Limits Limits { get; set; } = new();

        public Window Window { get; set; }

        public Colour? Accent { get; set; }

        [ByteSize]
        public List<long> Buffers { get; } = [];

        public Uri? Api { get; init; }

        public IPEndPoint? Admin { get; set; }

        public Tier[] Tiers { get; set; } = [];

        public IReadOnlyDictionary<Tier, TimeSpan> Timeouts { get; set; } = new Dictionary<Tier, TimeSpan>();

        [Mutable]
        public int? Concurrency { get; set; }
    }

    private static ServiceProvider Build(params (string Key, string Value)[] pairs)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddSettings<Everything>("App", o => o.UnknownKeys = UnknownKeyPolicy.Error);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddSettings_binds_through_generated_code_where_the_generator_runs_and_reflection_where_it_does_not()
    {
        using var provider = Build();
        var definition = provider.GetRequiredService<SettingsDefinition<Everything>>();
        Assert.Equal(ExpectGenerated, definition.Shape.Generated);
    }

    [Fact]
    public void Every_kind_of_member_binds()
    {
        using var provider = Build(
            ("App:Plan:Name", "pro"), ("App:Plan:Seats", "20"),
            ("App:Ports", "80, 443"), ("App:Weights:a", "1"), ("App:Weights:B", "2"),
            ("App:Limits:orders", "10"), ("App:Window:Size", "3"), ("App:Window:Every", "90s"),
            ("App:Accent", "#ff8000"), ("App:Buffers:0", "4KiB"), ("App:Buffers:1", "1MB"),
            ("App:Api", "https://api.example:8443/v1"), ("App:Admin", "10.0.0.5:9000"),
            ("App:Tiers", "gold, BRONZE"), ("App:Timeouts:gold", "2s"), ("App:Concurrency", "8"));
        var value = provider.GetRequiredService<IOptions<Everything>>().Value;

        Assert.Equal(new Plan("pro", Tier.Gold, 9.5m, 20), value.Plan);
        Assert.Equal([80, 443], value.Ports);
        Assert.Equal(2, value.Weights["b"]);
        Assert.Equal(10, value.Limits["orders"]);
        Assert.Equal((3, TimeSpan.FromSeconds(90)), (value.Window.Size, value.Window.Every));
        Assert.Equal(new Colour(255, 128, 0), value.Accent);
        Assert.Equal([4096L, 1_000_000L], value.Buffers);
        Assert.Equal(new Uri("https://api.example:8443/v1"), value.Api);
        Assert.Equal(IPEndPoint.Parse("10.0.0.5:9000"), value.Admin);
        Assert.Equal([Tier.Gold, Tier.Bronze], value.Tiers);
        Assert.Equal(TimeSpan.FromSeconds(2), value.Timeouts[Tier.Gold]);
        Assert.Equal(8, value.Concurrency);
    }

    [Fact]
    public void Problems_read_the_same_through_both_paths()
    {
        using var provider = Build(("App:Plan:Seats", "500"), ("App:Accent", "orange"), ("App:Ports", "80, x"), ("App:Window:Sise", "1"));
        var error = Assert.ThrowsAny<OptionsValidationException>(() => provider.GetRequiredService<IOptions<Everything>>().Value);

        Assert.Contains("App:Plan:Name: required String setting is missing", error.Message);
        Assert.Contains("App:Plan:Seats: The field Seats must be between 1 and 100.", error.Message);
        Assert.Contains("App:Accent: 'orange' is not a valid Colour: not accepted by ColourConverter", error.Message);
        Assert.Contains("App:Ports: item 1 ('x') is not a valid Int32", error.Message);
        Assert.Contains("App:Window:Sise: unknown setting: Window has no member 'Sise' (did you mean 'Size'?)", error.Message);
    }
}
