using System.Diagnostics;
using System.Runtime.InteropServices;
using Config.Providers.Core;
using Config.Providers.Diagnostics;
using Config.Providers.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Config.Providers.Tests.Files;

/// <summary>
/// Files that are not what they seem (issue 23): a FIFO, a link to /dev/zero, a 1 GiB sparse file. Each is refused at
/// once with a located error — never a hang, never memory exhausted — and a reload that meets one keeps the last good
/// data instead of throwing out of <c>IConfigurationRoot.Reload()</c>. (FIFOs and devices are told apart on Linux.)
/// </summary>
[Collection(ProcessMemoryTests.Name)]
public sealed class HostileFileTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [DllImport("libc", EntryPoint = "mkfifo")]
    private static extern int MakeFifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);

    private string Fifo(string name)
    {
        var path = directory.File(name);
        Assert.Equal(0, MakeFifo(path, Convert.ToUInt32("600", 8)));
        return path;
    }

    private static ConfigurationFormatException Refused(string path)
    {
        var clock = Stopwatch.StartNew();
        var before = GC.GetTotalAllocatedBytes();
        var task = Task.Run(() => new ConfigurationBuilder().AddEnvFile(path).Build());
        Assert.True(((IAsyncResult)task).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(20)), "still reading after 20 s");
        var error = Assert.IsType<ConfigurationFormatException>(task.Exception?.InnerException);
        Assert.True(GC.GetTotalAllocatedBytes() - before < 256L * 1024 * 1024, "allocated more than 256 MiB");
        Assert.StartsWith(path + ":1:1: ", error.Message);
        return error;
    }

    [Fact]
    public void A_fifo_is_refused_without_waiting_for_a_writer()
    {
        Assert.Contains("not a regular file", Refused(Fifo(".env")).Reason);
    }

    [Fact]
    public void A_link_to_dev_zero_is_refused()
    {
        var path = directory.File(".env");
        File.CreateSymbolicLink(path, "/dev/zero");
        Assert.Contains("not a regular file", Refused(path).Reason);
    }

    [Fact]
    public void A_sparse_gigabyte_is_refused_before_it_is_read()
    {
        var path = directory.File(".env");
        using (var file = File.Create(path))
        {
            file.SetLength(1L << 30);
        }

        Assert.Contains("the file is 1073741824 bytes; the limit is 16777216", Refused(path).Reason);
    }

    [Fact]
    public void Reload_of_a_file_that_became_a_fifo_keeps_the_last_good_data_and_says_so()
    {
        var path = directory.Write(".env", "A=1\n");
        var root = new ConfigurationBuilder().AddEnvFile(path).Build();
        File.Delete(path);
        Fifo(".env");

        root.Reload();

        Assert.Equal("1", root["A"]);
        var problem = Assert.Single(SourceStatuses.Of(root).SelectMany(s => s.Problems));
        Assert.Contains("not a regular file", problem.Reason);
    }
}
