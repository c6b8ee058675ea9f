using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Config.Providers.Formats.Yaml;

namespace Config.Providers.Tests.Yaml;

/// <summary>
/// The line reader never reads <c>AnchorName.Empty</c>: that field's type initializer builds a compiled regular
/// expression, about 10 ms of every start that reads plain YAML (docs/benchmarks.md, "Startup").
/// </summary>
public sealed class NoPropertiesTests
{
    [Fact]
    public void The_library_reads_no_static_field_of_AnchorName()
    {
        using var stream = File.OpenRead(typeof(NoProperties).Assembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var reads = new List<string>();
        foreach (var handle in metadata.MemberReferences)
        {
            var member = metadata.GetMemberReference(handle);
            if (member.GetKind() != MemberReferenceKind.Field || member.Parent.Kind != HandleKind.TypeReference)
            {
                continue;
            }

            var type = metadata.GetTypeReference((TypeReferenceHandle)member.Parent);
            if (metadata.GetString(type.Namespace) == "YamlDotNet.Core" && metadata.GetString(type.Name) == "AnchorName")
            {
                reads.Add(metadata.GetString(member.Name));
            }
        }

        Assert.Empty(reads);
    }

    [Fact]
    public void No_properties_are_the_empty_anchor_and_tag()
    {
        Assert.True(NoProperties.Anchor.IsEmpty);
        Assert.True(NoProperties.Tag.IsEmpty);
    }
}
