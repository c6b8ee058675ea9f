using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Config.Providers.Generators;

/// <summary>
/// Writes the class of generated shapes: one lazily built <c>SettingsShape</c> per type (and [ByteSize] flag),
/// and for each settings class its members with direct accessors (<c>UnsafeAccessor</c> where C# cannot call
/// the member directly: init-only setters, constructors of types with <c>required</c> members).
/// </summary>
internal sealed class ShapeWriter
{
    private const string Shapes = "global::Config.Providers.Settings.Metadata.SettingsShapes";
    private const string Member = "global::Config.Providers.Settings.Binding.SettingsMember";
    private const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
    private const string UnsafeAccessor = "global::System.Runtime.CompilerServices.UnsafeAccessor";

    private readonly ShapeClassifier classifier;
    private readonly Dictionary<(ITypeSymbol, bool), string> names = new(TypeKeyComparer.Instance);
    private readonly Queue<(ShapeInfo Info, string Name)> pending = new();
    private readonly StringBuilder body = new();

    public ShapeWriter(ShapeClassifier classifier) => this.classifier = classifier;

    /// <summary>Objects written, for the member diagnostics.</summary>
    public List<ShapeInfo> Objects { get; } = new();

    /// <summary>The name of the property holding the shape of <paramref name="type"/>; written on <see cref="Flush"/>.</summary>
    public string NameOf(ITypeSymbol type, bool byteSize)
    {
        if (!names.TryGetValue((type, byteSize), out var name))
        {
            name = "S" + names.Count;
            names[(type, byteSize)] = name;
            pending.Enqueue((classifier.Classify(type, byteSize), name));
        }

        return name;
    }

    public string Flush()
    {
        while (pending.Count > 0)
        {
            var (info, name) = pending.Dequeue();
            Write(info, name);
        }

        return body.ToString();
    }

    private void Write(ShapeInfo info, string name)
    {
        var type = Literals.Type(info.Type);
        var expression = info.Kind switch
        {
            ShapeKindInfo.Scalar => $"{Shapes}.Scalar<{type}>()",
            ShapeKindInfo.ByteSize => $"{Shapes}.ByteSize<{type}>()",
            ShapeKindInfo.Converted => $"{Shapes}.Converted<{type}>(new {Literals.Type(info.Converter!)}())",
            ShapeKindInfo.Nullable => $"{Shapes}.Nullable<{Literals.Type(info.Element!)}>({NameOf(info.Element!, info.ByteSize)})",
            ShapeKindInfo.Array => $"{Shapes}.Array<{Literals.Type(info.Element!)}>({NameOf(info.Element!, info.ByteSize)})",
            ShapeKindInfo.List => $"{Shapes}.List<{type}, {Literals.Type(info.Element!)}>({NameOf(info.Element!, info.ByteSize)})",
            ShapeKindInfo.Set => $"{Shapes}.Set<{type}, {Literals.Type(info.Element!)}>({NameOf(info.Element!, info.ByteSize)})",
            ShapeKindInfo.Dictionary =>
                $"{Shapes}.Dictionary<{type}, {Literals.Type(info.Key!)}, {Literals.Type(info.Element!)}>({NameOf(info.Key!, false)}, {NameOf(info.Element!, info.ByteSize)})",
            ShapeKindInfo.DerivedDictionary =>
                $"{Shapes}.DerivedDictionary<{type}, {Literals.Type(info.Key!)}, {Literals.Type(info.Element!)}>(static () => new {type}(), {NameOf(info.Key!, false)}, {NameOf(info.Element!, info.ByteSize)})",
            ShapeKindInfo.DerivedList =>
                $"{Shapes}.DerivedList<{type}, {Literals.Type(info.Element!)}>(static () => new {type}(), {NameOf(info.Element!, info.ByteSize)})",
            ShapeKindInfo.Object => WriteObject(info, name),
            _ => throw new System.InvalidOperationException("unsupported shapes are never written"),
        };

        body.AppendLine($"        private static global::Config.Providers.Settings.Binding.SettingsShape? {name.ToLowerInvariant()};");
        body.AppendLine($"        public static global::Config.Providers.Settings.Binding.SettingsShape {name} => {name.ToLowerInvariant()} ??= {expression};");
        body.AppendLine();
    }

    private string WriteObject(ShapeInfo info, string name)
    {
        Objects.Add(info);
        var o = info.Object!;
        var type = Literals.Type(info.Type);
        var isStruct = info.Type.IsValueType;
        var parameters = o.Constructor?.Parameters ?? System.Collections.Immutable.ImmutableArray<IParameterSymbol>.Empty;

        // The constructor.
        string construct;
        var arguments = string.Join(", ", parameters.Select((p, i) => $"({Literals.Type(p.Type)})a[{i}]!"));
        if (isStruct)
        {
            construct = o.HasRequiredMembers ? $"static a => (object)default({type})" : $"static a => (object)new {type}()";
        }
        else if (o.HasRequiredMembers && !SetsRequiredMembers(o.Constructor))
        {
            var signature = string.Join(", ", parameters.Select((p, i) => $"{Literals.Type(p.Type)} p{i}"));
            body.AppendLine($"        [{UnsafeAccessor}(global::System.Runtime.CompilerServices.UnsafeAccessorKind.Constructor)]");
            body.AppendLine($"        private static extern {type} {name}New({signature});");
            construct = $"static a => {name}New({arguments})";
        }
        else
        {
            construct = $"static a => new {type}({arguments})";
        }

        // The members.
        var members = new StringBuilder();
        for (var i = 0; i < o.Members.Count; i++)
        {
            var m = o.Members[i];
            members.Append($"            new {Member} {{ Key = {Literals.String(m.Key)}, Name = {Literals.String(m.Name)}, Shape = {NameOf(m.Type, m.ByteSize)}");
            if (m.Mutable)
            {
                members.Append(", Mutable = true");
            }

            if (m.Secret)
            {
                members.Append(", Secret = true");
            }

            if (m.Required)
            {
                members.Append(", Required = true");
            }

            if (m.Parameter is { } parameter)
            {
                members.Append($", ConstructorIndex = {m.ConstructorIndex}");
                if (parameter.HasExplicitDefaultValue)
                {
                    members.Append($", HasDefaultArgument = true, DefaultArgument = {Literals.DefaultValue(parameter)}");
                }
            }

            if (m.Property is { } property)
            {
                members.Append($", Getter = static o => (({type})o).{Escape(property.Name)}");
                if (m.Settable)
                {
                    members.Append(", Setter = ").Append(Setter(info, m, property, $"{name}Set{i}"));
                }
            }

            if (m.PopulateInPlace)
            {
                members.Append(", PopulateInPlace = true");
            }

            if (m.ValidationAttributes.Count > 0)
            {
                members.Append(", ValidationAttributes = new global::System.ComponentModel.DataAnnotations.ValidationAttribute[] { ")
                    .Append(string.Join(", ", m.ValidationAttributes.Select(Literals.Attribute))).Append(" }");
            }

            members.AppendLine(" },");
        }

        if (o.Members.Any(m => m.ValidationAttributes.Any(IsLengthAttribute)) && o.Members.All(m => !m.ValidationAttributes.Any(IsLengthAttribute) || CountsWithoutReflection(m.Type)))
        {
            // [MinLength]/[MaxLength]/[Length] warn because, for a type that is not a string or an ICollection, they find
            // Count by reflection. Every member here that carries one is a string, an array or an ICollection.
            body.AppendLine("        [global::System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage(\"Trimming\", \"IL2026\", Justification = \"The length attributes are on strings, arrays or ICollections, whose length they read without reflection.\")]");
        }

        body.AppendLine($"        private static {Member}[] {name}Members() => new {Member}[]");
        body.AppendLine("        {");
        body.Append(members);
        body.AppendLine("        };");
        body.AppendLine();

        var classAttributes = o.ClassAttributes.Count == 0
            ? "null"
            : "new global::System.ComponentModel.DataAnnotations.ValidationAttribute[] { " + string.Join(", ", o.ClassAttributes.Select(Literals.Attribute)) + " }";
        return $"{Shapes}.Object<{type}>({name}Members, {parameters.Length}, {construct}, {(o.Mutable ? "true" : "false")}, {(o.Secret ? "true" : "false")}, {classAttributes})";
    }

    private static bool IsLengthAttribute(AttributeData attribute) =>
        attribute.AttributeClass?.ToDisplayString() is "System.ComponentModel.DataAnnotations.MinLengthAttribute"
            or "System.ComponentModel.DataAnnotations.MaxLengthAttribute" or "System.ComponentModel.DataAnnotations.LengthAttribute";

    /// <summary>
    /// Whether the length attributes read this type's length without reflection: a string, an array, a type that is a
    /// non-generic ICollection, or a collection interface the binder fills with a List or Dictionary (which are).
    /// </summary>
    private static bool CountsWithoutReflection(ITypeSymbol type)
    {
        type = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;
        if (type.SpecialType == SpecialType.System_String || type is IArrayTypeSymbol)
        {
            return true;
        }

        if (type.AllInterfaces.Any(i => i.ToDisplayString() == "System.Collections.ICollection"))
        {
            return true;
        }

        return type.TypeKind == TypeKind.Interface && type.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic";
    }

    private string Setter(ShapeInfo info, MemberInfo member, IPropertySymbol property, string accessor)
    {
        var type = Literals.Type(info.Type);
        var value = $"({Literals.Type(member.Type)})v!";
        var initOnly = property.SetMethod!.IsInitOnly;
        if (!initOnly)
        {
            return info.Type.IsValueType
                ? $"static (o, v) => {Unsafe}.Unbox<{type}>(o).{Escape(property.Name)} = {value}"
                : $"static (o, v) => (({type})o).{Escape(property.Name)} = {value}";
        }

        // An init accessor is an ordinary method to the runtime; C# allows calling it only in an initializer.
        var target = info.Type.IsValueType ? $"ref {type} target" : $"{type} target";
        body.AppendLine($"        [{UnsafeAccessor}(global::System.Runtime.CompilerServices.UnsafeAccessorKind.Method, Name = {Literals.String(property.SetMethod.Name)})]");
        body.AppendLine($"        private static extern void {accessor}({target}, {Literals.Type(member.Type)} value);");
        return info.Type.IsValueType
            ? $"static (o, v) => {accessor}(ref {Unsafe}.Unbox<{type}>(o), {value})"
            : $"static (o, v) => {accessor}(({type})o, {value})";
    }

    private static bool SetsRequiredMembers(IMethodSymbol? constructor) =>
        constructor?.GetAttributes().Any(a => a.AttributeClass?.Name == "SetsRequiredMembersAttribute") == true;

    private static string Escape(string name) => Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;
}
