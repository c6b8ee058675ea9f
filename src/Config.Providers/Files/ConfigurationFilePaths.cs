using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;

namespace Config.Providers.Files;

/// <summary>Where a relative file or folder path of a configuration source points: the builder's base path, else the app's directory.</summary>
internal static class ConfigurationFilePaths
{
    /// <summary>The absolute path of <paramref name="path"/>; <paramref name="owner"/> names the setting in the error for an empty one.</summary>
    public static string Resolve(IConfigurationBuilder builder, string path, string owner)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InvalidOperationException($"{owner}.Path is empty.");
        }

        if (Path.IsPathRooted(path))
        {
            return Path.GetFullPath(path);
        }

        var root = builder.Properties.ContainsKey("FileProvider") && builder.GetFileProvider() is PhysicalFileProvider physical
            ? physical.Root
            : AppContext.BaseDirectory;
        return Path.GetFullPath(Path.Combine(root, path));
    }
}
