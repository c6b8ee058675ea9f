using System.ComponentModel.DataAnnotations;
using FluentValidation;

namespace Config.Providers.Tests.Settings;

/// <summary>A realistic settings class: immutable connection settings, mutable tuning knobs, secrets.</summary>
public sealed class OrdersSettings
{
    [Required]
    public string ServiceName { get; set; } = string.Empty;

    public DatabaseSettings Database { get; set; } = new();

    [Mutable]
    public LoggingSettings Logging { get; set; } = new();

    [Mutable]
    [Range(1, 1000)]
    public int MaxConcurrency { get; set; } = 10;

    [Mutable]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    [Mutable]
    public List<string> FeatureFlags { get; set; } = [];
}

public sealed class DatabaseSettings
{
    [Required]
    public string Host { get; set; } = string.Empty;

    [Range(1, 65535)]
    public int Port { get; set; } = 5432;

    [Secret]
    [RegularExpression("^[^ ]{8,}$", ErrorMessage = "The password must be at least 8 characters without spaces.")]
    public string Password { get; set; } = string.Empty;

    public string? ApiToken { get; set; }
}

public sealed class LoggingSettings
{
    public string Level { get; set; } = "Information";
}

/// <summary>Scoped, with a scoped dependency and async rules, as a validator that checks a database would be.</summary>
public sealed class OrdersSettingsValidator : AbstractValidator<OrdersSettings>
{
    public OrdersSettingsValidator(ReservedNames reserved)
    {
        RuleFor(x => x.ServiceName).MustAsync(async (name, ct) =>
        {
            await Task.Delay(1, ct); // a real asynchronous wait, as an I/O-bound rule has: it must not complete synchronously
            return !reserved.Contains(name);
        }).WithMessage("'{PropertyValue}' is a reserved service name");

        RuleFor(x => x.Database.Port).NotEqual(5433).WithMessage("port 5433 belongs to the replica");

        RuleFor(x => x.Database.Password).MustAsync(async (password, ct) =>
        {
            await Task.Yield();
            return !password.Contains("password", StringComparison.OrdinalIgnoreCase);
        }).WithMessage("the password '{PropertyValue}' is too guessable");
    }
}

public sealed class ReservedNames : IDisposable
{
    public static int Disposed;

    public bool Contains(string name) => name is "admin" or "root";

    public void Dispose() => Interlocked.Increment(ref Disposed);
}
