using Config.Providers.Core;

namespace Config.Providers.Files;

/// <summary>
/// Reads a configuration file whole, within a budget: refused before opening when it is not a regular file (a FIFO
/// would block, a device never ends) or its size is over the limit, and while reading when it grows past it (a link
/// to <c>/dev/zero</c>, a file being appended to). Every refusal is a located <see cref="ConfigurationFormatException"/>.
/// </summary>
internal static class FileText
{
    /// <summary>The file's text, or null when it does not exist: read with synchronous calls, for the first load.</summary>
    /// <remarks>
    /// <c>IConfigurationProvider.Load</c> is synchronous, and an asynchronous read would wait on the thread pool — on
    /// Unix every asynchronous file read runs there — whose threads a host otherwise need not start (about 5 ms of
    /// every start; docs/benchmarks.md, "Startup"). The read is the same code as <see cref="ReadAsync"/>, run with
    /// synchronous calls: it has completed when <see cref="SyncOverAsync"/> looks, which then takes its result without
    /// waiting (and where a synchronization context is installed, runs it on the pool as it runs everything).
    /// </remarks>
    /// <param name="fullPath">The file.</param>
    /// <param name="shownPath">The path messages name.</param>
    /// <param name="maxBytes">The most it may hold.</param>
    public static string? Read(string fullPath, string shownPath, long maxBytes) =>
        SyncOverAsync.Run(() => ReadCoreAsync(fullPath, shownPath, maxBytes, synchronous: true, CancellationToken.None));

    /// <summary>The file's text, or null when it does not exist.</summary>
    /// <param name="fullPath">The file.</param>
    /// <param name="shownPath">The path messages name.</param>
    /// <param name="maxBytes">The most it may hold.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static Task<string?> ReadAsync(string fullPath, string shownPath, long maxBytes, CancellationToken cancellationToken) =>
        ReadCoreAsync(fullPath, shownPath, maxBytes, synchronous: false, cancellationToken).AsTask();

    private static async ValueTask<string?> ReadCoreAsync(string fullPath, string shownPath, long maxBytes, bool synchronous, CancellationToken cancellationToken)
    {
        var info = new FileInfo(fullPath);
        if (!info.Exists)
        {
            return null;
        }

        if (RegularFile.IsRegularOrDirectory(fullPath) == false)
        {
            throw new ConfigurationFormatException(shownPath, 1, 1, "not a regular file (a FIFO, socket or device): a configuration file is read whole, so it is refused rather than waited on");
        }

        if (info.Length > maxBytes)
        {
            throw TooLarge(shownPath, info.Length, maxBytes);
        }

        await using var stream = new FileStream(fullPath, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.ReadWrite | FileShare.Delete,
            Options = synchronous ? FileOptions.SequentialScan : FileOptions.Asynchronous | FileOptions.SequentialScan,
        });
        using var bytes = new MemoryStream((int)Math.Clamp(info.Length, 4096, 64L * 1024 * 1024));
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = synchronous ? stream.Read(buffer) : await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (bytes.Length + read > maxBytes)
            {
                throw TooLarge(shownPath, bytes.Length + read, maxBytes, whileReading: true);
            }

            bytes.Write(buffer, 0, read);
        }

        bytes.Position = 0;
        using var reader = new StreamReader(bytes, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return synchronous ? reader.ReadToEnd() : await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    private static ConfigurationFormatException TooLarge(string path, long length, long max, bool whileReading = false) =>
        new(path, 1, 1, whileReading
            ? $"the file holds more than {max} bytes (read so far: {length}); the limit is {max} (WatchedFileSource.MaxFileSize)"
            : $"the file is {length} bytes; the limit is {max} (WatchedFileSource.MaxFileSize)");
}
