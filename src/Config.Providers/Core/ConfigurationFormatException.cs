namespace Config.Providers.Core;

/// <summary>
/// A configuration file is malformed. The message starts with <c>PATH:LINE:COLUMN:</c> so editors and CI
/// logs link to the spot; it never contains a value from the file.
/// </summary>
public sealed class ConfigurationFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The file (as given to the provider).</param>
    /// <param name="line">1-based line.</param>
    /// <param name="column">1-based column.</param>
    /// <param name="reason">What is wrong, without quoting values.</param>
    public ConfigurationFormatException(string path, int line, int column, string reason)
        : base($"{path}:{line}:{column}: {reason}")
    {
        Path = path;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>1-based line of the problem.</summary>
    public int Line { get; }

    /// <summary>1-based column of the problem.</summary>
    public int Column { get; }

    /// <summary>What is wrong.</summary>
    public string Reason { get; }
}
