using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Config.Providers.Tests.Support;
using Xunit.Abstractions;

namespace Config.Providers.Tests.Packaging;

/// <summary>Packs the library, its Kestrel package and the tool as a user gets them and checks (and lists) what is inside.</summary>
[Collection(ReleaseBuilds.Name)]
public sealed class PackageTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task The_packages_hold_the_assemblies_docs_readmes_and_symbols()
    {
        foreach (var project in new[] { "src/Config.Providers", "src/Config.Providers.Cli", "src/Config.Providers.AspNetCore" })
        {
            // The library's pack also compiles four ReadyToRun images (a publish per runtime, restoring its runtime pack).
            var pack = await ProcessRun.RunAsync("dotnet", ["pack", project, "-c", "Release", "-o", directory.Path, "--nologo"], RepositoryRoot.Path, TimeSpan.FromMinutes(15));
            Assert.True(pack.ExitCode == 0, $"dotnet pack {project} failed:\n{pack.Output}\n{pack.Errors}");
        }

        string[] Contents(string file)
        {
            using var zip = ZipFile.OpenRead(directory.File(file));
            var names = zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToArray();
            output.WriteLine($"{file}:\n  " + string.Join("\n  ", names));
            return names;
        }

        var library = Contents("Config.Providers.0.1.0.nupkg");
        (bool ReadyToRun, Version Version) Image(string[] names, string name)
        {
            Assert.Contains(name, names);
            using var zip = ZipFile.OpenRead(directory.File("Config.Providers.0.1.0.nupkg"));
            using var copy = new MemoryStream();
            zip.GetEntry(name)!.Open().CopyTo(copy);
            copy.Position = 0;
            using var pe = new PEReader(copy);
            var metadata = pe.GetMetadataReader();
            return (pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, metadata.GetAssemblyDefinition().Version);
        }

        Assert.Contains("lib/net10.0/Config.Providers.dll", library);
        Assert.Contains("lib/net10.0/Config.Providers.xml", library);
        Assert.Contains("README.md", library);
        Assert.Contains("analyzers/dotnet/cs/Config.Providers.Generators.dll", library);
        Assert.Contains("build/Config.Providers.props", library);
        Assert.Contains("buildTransitive/Config.Providers.props", library);
        Assert.Contains("Config.Providers.nuspec", library);

        // IL for every platform in lib/, and for the common server and desktop runtimes the same assembly compiled ahead of
        // time, which the host prefers on that platform: a service started on the JIT does not compile this library.
        var il = Image(library, "lib/net10.0/Config.Providers.dll");
        Assert.False(il.ReadyToRun);
        foreach (var runtime in new[] { "linux-x64", "linux-arm64", "win-x64", "osx-arm64" })
        {
            var image = Image(library, $"runtimes/{runtime}/lib/net10.0/Config.Providers.dll");
            Assert.True(image.ReadyToRun, $"{runtime}: no ReadyToRun code");
            Assert.Equal(il.Version, image.Version);
        }

        var symbols = Contents("Config.Providers.0.1.0.snupkg");
        Assert.Contains("lib/net10.0/Config.Providers.pdb", symbols);

        var kestrel = Contents("Config.Providers.AspNetCore.0.1.0.nupkg");
        Assert.Contains("lib/net10.0/Config.Providers.AspNetCore.dll", kestrel);
        Assert.Contains("lib/net10.0/Config.Providers.AspNetCore.xml", kestrel);
        using (var zip = ZipFile.OpenRead(directory.File("Config.Providers.AspNetCore.0.1.0.nupkg")))
        using (var nuspec = new StreamReader(zip.GetEntry("Config.Providers.AspNetCore.nuspec")!.Open()))
        {
            var text = nuspec.ReadToEnd();
            Assert.Contains("<dependency id=\"Config.Providers\" version=\"0.1.0\"", text);
            Assert.Contains("<frameworkReference name=\"Microsoft.AspNetCore.App\" />", text);
        }

        var tool = Contents("Config.Providers.Cli.0.1.0.nupkg");
        Assert.Contains("README.md", tool);
        Assert.Contains("tools/net10.0/any/config-providers.dll", tool);
        Assert.Contains("tools/net10.0/any/DotnetToolSettings.xml", tool);
    }
}
