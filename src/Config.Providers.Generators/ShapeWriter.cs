using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Config.Providers.Generators;

/// <summary>
/// Writes the class of generated shapes: one lazily built <c>SettingsShape</c> per type (and [ByteSize] flag),
/// and for each settings class a table of its members with one getter and one setter per class, switching on the
/// member's index (<c>UnsafeAccessor</c> where C# cannot call the member directly: init-only setters, constructors
/// of types with <c>required</c> members).
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

        // The members: a row each, and one getter and one setter switching on the row's index (docs/benchmarks.md,
        // "Startup": this code is JIT-compiled in the application's assembly, so it is kept small).
        var rows = new StringBuilder();
        var getters = new StringBuilder();
        var setters = new StringBuilder();
        for (var i = 0; i < o.Members.Count; i++)
        {
            var m = o.Members[i];
            var flags = new List<string>();
            if (m.Mutable)
            {
                flags.Add("Mutable");
            }

            if (m.Secret)
            {
                flags.Add("Secret");
            }

            if (m.Required)
            {
                flags.Add("Required");
            }

            if (m.Property is { } property)
            {
                flags.Add("Readable");
                getters.AppendLine($"                case {i}: return x.{Escape(property.Name)};");
                if (m.Settable)
                {
                    flags.Add("Writable");
                    setters.AppendLine($"                case {i}: {Assignment(info, m, property, $"{name}Init{i}")}; return;");
                }
            }

            if (m.PopulateInPlace)
            {
                flags.Add("PopulateInPlace");
            }

            var defaultArgument = m.Parameter is { HasExplicitDefaultValue: true } withDefault ? Literals.DefaultValue(withDefault) : null;
            if (defaultArgument is not null)
            {
                flags.Add("HasDefaultArgument");
            }

            rows.Append($"                {Shapes}.Member(get, set, {i}, {Literals.String(m.Key)}, {Literals.String(m.Name)}, {NameOf(m.Type, m.ByteSize)}, ")
                .Append(flags.Count == 0 ? "0" : string.Join(" | ", flags.Select(f => $"{Shapes}.Member{f}")));
            if (m.Parameter is not null)
            {
                rows.Append($", constructorIndex: {m.ConstructorIndex}");
            }

            if (defaultArgument is not null)
            {
                rows.Append($", defaultArgument: {defaultArgument}");
            }

            if (m.ValidationAttributes.Count > 0)
            {
                rows.Append(", attributes: new global::System.ComponentModel.DataAnnotations.ValidationAttribute[] { ")
                    .Append(string.Join(", ", m.ValidationAttributes.Select(Literals.Attribute))).Append(" }");
            }

            rows.AppendLine("),");
        }

        if (o.Members.Any(m => m.ValidationAttributes.Any(IsLengthAttribute)) && o.Members.All(m => !m.ValidationAttributes.Any(IsLengthAttribute) || CountsWithoutReflection(m.Type)))
        {
            // [MinLength]/[MaxLength]/[Length] warn because, for a type that is not a string or an ICollection, they find
            // Count by reflection. Every member here that carries one is a string, an array or an ICollection.
            body.AppendLine("        [global::System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage(\"Trimming\", \"IL2026\", Justification = \"The length attributes are on strings, arrays or ICollections, whose length they read without reflection.\")]");
        }

        var get = getters.Length == 0 ? "null" : name + "Get";
        var set = setters.Length == 0 ? "null" : name + "Set";
        body.AppendLine($"        private static {Member}[] {name}Members()");
        body.AppendLine("        {");
        body.AppendLine($"            global::System.Func<object, int, object?>? get = {get};");
        body.AppendLine($"            global::System.Action<object, int, object?>? set = {set};");
        body.AppendLine($"            return new {Member}[]");
        body.AppendLine("            {");
        body.Append(rows);
        body.AppendLine("            };");
        body.AppendLine("        }");
        body.AppendLine();
        if (getters.Length > 0)
        {
            WriteSwitch($"object? {name}Get(object o, int i)", $"var x = ({type})o;", getters);
        }

        if (setters.Length > 0)
        {
            WriteSwitch($"void {name}Set(object o, int i, object? v)", isStruct ? $"ref var x = ref {Unsafe}.Unbox<{type}>(o);" : $"var x = ({type})o;", setters);
        }

        var classAttributes = o.ClassAttributes.Count == 0
            ? "null"
            : "new global::System.ComponentModel.DataAnnotations.ValidationAttribute[] { " + string.Join(", ", o.ClassAttributes.Select(Literals.Attribute)) + " }";
        return $"{Shapes}.Object<{type}>({name}Members, {parameters.Length}, {construct}, {(o.Mutable ? "true" : "false")}, {(o.Secret ? "true" : "false")}, {classAttributes})";
    }

    /// <summary>A private static accessor: <paramref name="target"/>, then a switch on the member index <c>i</c>.</summary>
    private void WriteSwitch(string signature, string target, StringBuilder cases)
    {
        body.AppendLine($"        private static {signature}");
        body.AppendLine("        {");
        body.AppendLine($"            {target}");
        body.AppendLine("            switch (i)");
        body.AppendLine("            {");
        body.Append(cases);
        body.AppendLine("                default: throw new global::System.ArgumentOutOfRangeException(nameof(i));");
        body.AppendLine("            }");
        body.AppendLine("        }");
        body.AppendLine();
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

    /// <summary>The statement of the setter's switch that writes <paramref name="member"/> on <c>x</c> from <c>v</c>.</summary>
    private string Assignment(ShapeInfo info, MemberInfo member, IPropertySymbol property, string accessor)
    {
        var type = Literals.Type(info.Type);
        var value = $"({Literals.Type(member.Type)})v!";
        if (!property.SetMethod!.IsInitOnly)
        {
            return $"x.{Escape(property.Name)} = {value}";
        }

        // An init accessor is an ordinary method to the runtime; C# allows calling it only in an initializer.
        var target = info.Type.IsValueType ? $"ref {type} target" : $"{type} target";
        body.AppendLine($"        [{UnsafeAccessor}(global::System.Runtime.CompilerServices.UnsafeAccessorKind.Method, Name = {Literals.String(property.SetMethod.Name)})]");
        body.AppendLine($"        private static extern void {accessor}({target}, {Literals.Type(member.Type)} value);");
        return info.Type.IsValueType ? $"{accessor}(ref x, {value})" : $"{accessor}(x, {value})";
    }

    private static bool SetsRequiredMembers(IMethodSymbol? constructor) =>
        constructor?.GetAttributes().Any(a => a.AttributeClass?.Name == "SetsRequiredMembersAttribute") == true;

    private static string Escape(string name) => Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;
}
