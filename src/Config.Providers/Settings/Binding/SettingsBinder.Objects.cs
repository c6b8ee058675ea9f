namespace Config.Providers.Settings.Binding;

// Objects: each child key matched to a member (or reported unknown), then the instance built — constructor arguments,
// then properties — with what configuration leaves unset taken from the initializer's value.
internal static partial class SettingsBinder
{
    /// <summary>Pairs each child key with its member; reports children that match none.</summary>
    private static SectionNode?[] MatchMembers(ObjectShape shape, SectionNode section, BindingContext context)
    {
        var found = new SectionNode?[shape.Members.Length];
        List<SectionNode>? unknown = null;
        foreach (var child in section.Children)
        {
            if (shape.IndexByKeySpan.TryGetValue(child.KeySpan, out var index))
            {
                found[index] = child;
            }
            else
            {
                (unknown ??= []).Add(child);
            }
        }

        if (unknown is not null)
        {
            foreach (var child in Sorted(unknown))
            {
                ReportUnknown(shape, child, context);
            }
        }

        return found;
    }

    /// <summary>
    /// Builds an object from its keys. <paramref name="template"/> is the value the parent's initializer gave the member
    /// (<c>Database { get; set; } = new("localhost")</c>): what configuration does not set comes from it — a
    /// constructor argument or a property — so a default survives a configuration that sets only part of the object.
    /// </summary>
    private static object BindObject(ObjectShape shape, SectionNode?[] found, string path, Flags flags, BindingContext context, object? template = null)
    {
        var members = shape.Members;
        var arguments = shape.ConstructorArity == 0 ? [] : new object?[shape.ConstructorArity];
        for (var i = 0; i < members.Length; i++)
        {
            var member = members[i];
            if (member.ConstructorIndex < 0)
            {
                continue;
            }

            object? argument = null;
            var bound = false;
            var problemsBefore = context.Problems.Count;
            if (found[i] is { } section)
            {
                argument = BindValue(member.TypeShape, section, flags.For(member), context, null, out bound);
            }

            var fromTemplate = !bound && template is not null && member.Getter is not null;
            if (!bound && !fromTemplate && member.Required && context.Problems.Count == problemsBefore)
            {
                Missing(context, Join(path, member.Key), member.TypeShape);
            }

            if (!bound)
            {
                argument = fromTemplate ? member.Getter!(template!) : member.HasDefaultArgument ? member.DefaultArgument : null;
            }

            arguments[member.ConstructorIndex] = argument ?? member.TypeShape.DefaultValue;
        }

        var instance = shape.Construct(arguments);
        for (var i = 0; i < members.Length; i++)
        {
            var member = members[i];
            if (member.ConstructorIndex >= 0)
            {
                continue;
            }

            if (found[i] is not { } section)
            {
                if (template is not null && member.Getter is not null && member.Setter is not null && !member.PopulateInPlace)
                {
                    member.Setter(instance, member.Getter(template));
                }
                else if (member.Required)
                {
                    Missing(context, Join(path, member.Key), member.TypeShape);
                }

                continue;
            }

            var problemsBefore = context.Problems.Count;

            // A collection filled in place, or the initializer's object as the template of a partial configuration.
            var existing = member.PopulateInPlace || IsObject(member.TypeShape) ? member.Getter?.Invoke(instance) : null;
            if (member.PopulateInPlace && existing is null)
            {
                context.Problem(section.Path, "read-only collection property is null, so it cannot be filled; give it an initializer or a setter");
                continue;
            }

            var value = BindValue(member.TypeShape, section, flags.For(member), context, existing, out var bound);
            if (bound && !member.PopulateInPlace)
            {
                member.Setter!(instance, value);
            }
            else if (!bound && member.Required && context.Problems.Count == problemsBefore)
            {
                Missing(context, section.Path, member.TypeShape);
            }
        }

        return instance;
    }

    private static void ReportUnknown(ObjectShape shape, SectionNode child, BindingContext context)
    {
        if (context.UnknownKeys == UnknownKeyPolicy.Ignore)
        {
            return;
        }

        var suggestion = KeySuggester.Suggest(child.Key, shape.Members.Select(m => m.Key));
        var message = $"unknown setting: {shape.Type.Name} has no member '{child.Key}'{(suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)")}";
        if (context.UnknownKeys == UnknownKeyPolicy.Error)
        {
            context.Problem(child.Path, message);
        }
        else
        {
            context.Warning(child.Path, message);
        }
    }
}
