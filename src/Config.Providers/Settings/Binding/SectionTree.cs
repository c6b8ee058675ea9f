using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace Config.Providers.Settings.Binding;

/// <summary>
/// Reads every key under one section into a <see cref="SectionNode"/> tree, with the same answers as
/// <c>IConfiguration</c> gives (the last provider that has a key wins; children are the union over providers).
/// </summary>
/// <remarks>
/// <c>IConfiguration.GetChildren()</c> asks every provider for the keys below a path, and each one scans all its keys
/// and sorts the result, once per level: for the top section of a settings type that costs more than binding it.
/// Providers whose keys are exactly their <c>ConfigurationProvider.Data</c> (this library's, and the framework's
/// memory, JSON, environment and command-line providers, none of which override <c>TryGet</c> or
/// <c>GetChildKeys</c>) are read in one pass over that dictionary instead. Any other provider is asked through its
/// public members, level by level, as <c>ConfigurationRoot</c> would.
/// </remarks>
internal static class SectionTree
{
    /// <summary>Deeper than the binder goes (it reports a problem at 64 levels), so listing stops here.</summary>
    private const int ListingDepth = 66;

    public static SectionNode Read(IConfiguration configuration, string sectionPath)
    {
        if (configuration is IConfigurationRoot root)
        {
            try
            {
                var tree = NewRoot(sectionPath);
                foreach (var provider in root.Providers)
                {
                    AddProvider(tree, provider);
                }

                return tree;
            }
            catch (InvalidOperationException)
            {
                // A provider's dictionary was changed while it was read (IConfiguration["key"] = … on another thread);
                // its public members are safe to ask, so read everything that way.
                var tree = NewRoot(sectionPath);
                foreach (var provider in root.Providers)
                {
                    AddByListing(tree, provider);
                }

                return tree;
            }
        }

        var section = sectionPath.Length == 0 ? configuration : configuration.GetSection(sectionPath);
        var top = NewRoot((section as IConfigurationSection)?.Path ?? sectionPath);
        top.Value = (section as IConfigurationSection)?.Value;
        AddChildren(top, section, 0);
        return top;
    }

    private static SectionNode NewRoot(string sectionPath) => new(sectionPath, sectionPath.LastIndexOf(':') + 1);

    private static void AddProvider(SectionNode tree, IConfigurationProvider provider)
    {
        // A chained configuration (the generic host's app configuration chains its host configuration) is listed:
        // it treats an empty value as absent, which its inner providers' dictionaries do not say.
        if (provider is ConfigurationProvider plain && KeysAreData(provider.GetType()))
        {
            AddData(tree, DataOf(plain));
        }
        else
        {
            AddByListing(tree, provider);
        }
    }

    /// <summary>The provider's keys and values are its <c>Data</c>, and it is known never to answer otherwise.</summary>
    internal static bool KeysAreData(Type type) =>
        type.Assembly == typeof(SectionTree).Assembly
        || type == typeof(MemoryConfigurationProvider)
        || type == typeof(EnvironmentVariablesConfigurationProvider)
        || type == typeof(CommandLineConfigurationProvider)

        // Named rather than referenced: this library does not otherwise depend on the JSON provider's package.
        || type.FullName is "Microsoft.Extensions.Configuration.Json.JsonConfigurationProvider"
            or "Microsoft.Extensions.Configuration.Json.JsonStreamConfigurationProvider";

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_Data")]
    private static extern IDictionary<string, string?> DataOf(ConfigurationProvider provider);

    private static void AddData(SectionNode tree, IDictionary<string, string?> data)
    {
        var prefix = tree.Path;
        foreach (var (key, value) in data)
        {
            int start;
            if (prefix.Length == 0)
            {
                start = 0;
            }
            else if (key.Length > prefix.Length && key[prefix.Length] == ':' && key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                start = prefix.Length + 1;
            }
            else
            {
                if (key.Equals(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    tree.Value = value;
                }

                continue;
            }

            var node = tree;
            while (true)
            {
                var end = key.IndexOf(':', start);
                if (end < 0)
                {
                    node = node.Child(key, start, key.Length);
                    node.Value = value;
                    break;
                }

                node = node.Child(key, start, end);
                start = end + 1;
            }
        }
    }

    /// <summary>Reads one provider through <c>GetChildKeys</c> and <c>TryGet</c>, as <c>ConfigurationRoot</c> does.</summary>
    private static void AddByListing(SectionNode tree, IConfigurationProvider provider)
    {
        if (tree.Path.Length > 0 && provider.TryGet(tree.Path, out var own))
        {
            tree.Value = own;
        }

        AddChildKeys(tree, provider, 0);
    }

    private static void AddChildKeys(SectionNode node, IConfigurationProvider provider, int depth)
    {
        if (depth >= ListingDepth)
        {
            return;
        }

        string? previous = null;
        foreach (var key in provider.GetChildKeys([], node.Path.Length == 0 ? null : node.Path))
        {
            // ConfigurationProvider's list is sorted and names a child once per key below it: skip the repeats in a row
            // (a provider whose list is not sorted only costs more work; Child finds the node it already made).
            if (previous is not null && key.Equals(previous, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            previous = key;
            var full = Core.ConfigurationKeys.Join(node.Path, key);
            var child = node.Child(full, full.Length - key.Length, full.Length);
            if (provider.TryGet(full, out var value))
            {
                child.Value = value;
            }

            AddChildKeys(child, provider, depth + 1);
        }
    }

    /// <summary>For a configuration that is not a root: its own children, level by level.</summary>
    private static void AddChildren(SectionNode node, IConfiguration section, int depth)
    {
        if (depth >= ListingDepth)
        {
            return;
        }

        foreach (var child in section.GetChildren())
        {
            var full = child.Path;
            var added = node.Child(full, full.Length - child.Key.Length, full.Length);
            added.Value = child.Value;
            AddChildren(added, child, depth + 1);
        }
    }
}
