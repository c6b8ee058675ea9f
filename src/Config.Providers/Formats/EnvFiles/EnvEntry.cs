namespace Config.Providers.Formats.EnvFiles;

/// <summary>One assignment read from an env file: the key as written, its value, and where it starts.</summary>
/// <param name="Key">The variable name as written (no mapping applied).</param>
/// <param name="Value">The value after unquoting, escapes and interpolation.</param>
/// <param name="Line">1-based line of the key.</param>
/// <param name="Column">1-based column of the key.</param>
internal readonly record struct EnvEntry(string Key, string Value, int Line, int Column);
