namespace Config.Providers.Settings.Coercion;

/// <summary>Converts text to a value of a type, or says why it cannot.</summary>
internal delegate bool ScalarParse(string text, out object? value, out string? reason);

/// <summary>One row of the coercion table: a target type, how to read it, and its name in error messages.</summary>
internal sealed class ScalarConverter(Type type, string typeName, ScalarParse parse)
{
    public Type Type { get; } = type;

    /// <summary>Name used in messages ("Int32", "duration", "byte size").</summary>
    public string TypeName { get; } = typeName;

    public bool TryConvert(string text, out object? value, out string? reason) => parse(text, out value, out reason);
}
