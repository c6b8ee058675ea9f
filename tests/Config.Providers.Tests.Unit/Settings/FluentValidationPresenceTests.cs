using Config.Providers.Settings.Validation;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Config.Providers.Tests.Settings;

/// <summary>
/// FluentValidation is touched only where a validator is registered (a service with none no longer loads its assembly
/// at start): the registrations are read from the service collection as it is when the container is built, so a
/// validator registered after <c>AddSettings</c> still runs.
/// </summary>
public sealed class FluentValidationPresenceTests
{
    public sealed class Limits
    {
        public int Max { get; set; }
    }

    private sealed class MaxBelowTen : AbstractValidator<Limits>
    {
        public MaxBelowTen() => RuleFor(l => l.Max).LessThan(10);
    }

    private sealed class NothingAllowed<T> : AbstractValidator<T>
    {
        public NothingAllowed() => RuleFor(x => x).Must(_ => false).WithMessage("never");
    }

    private static IServiceCollection Services() =>
        new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection([new("Limits:Max", "12")]).Build());

    [Fact]
    public void A_validator_registered_after_AddSettings_runs()
    {
        var services = Services();
        services.AddSettings<Limits>("Limits");
        services.AddSingleton<IValidator<Limits>, MaxBelowTen>();
        using var provider = services.BuildServiceProvider();

        var error = Assert.ThrowsAny<OptionsValidationException>(() => provider.GetRequiredService<IOptions<Limits>>().Value);

        Assert.Contains("Limits:Max", error.Message);
    }

    [Fact]
    public void An_open_generic_validator_counts_for_every_type()
    {
        var services = Services();
        services.AddSettings<Limits>("Limits");
        services.AddSingleton(typeof(IValidator<>), typeof(NothingAllowed<>));
        using var provider = services.BuildServiceProvider();

        Assert.True(provider.GetRequiredService<RegisteredValidators>().For(typeof(Limits)));
        Assert.ThrowsAny<OptionsValidationException>(() => provider.GetRequiredService<IOptions<Limits>>().Value);
    }

    [Fact]
    public void Without_a_validator_nothing_is_looked_for()
    {
        var services = Services();
        services.AddSettings<Limits>("Limits");
        using var provider = services.BuildServiceProvider();

        Assert.False(provider.GetRequiredService<RegisteredValidators>().For(typeof(Limits)));
        Assert.Equal(12, provider.GetRequiredService<IOptions<Limits>>().Value.Max);
    }
}
