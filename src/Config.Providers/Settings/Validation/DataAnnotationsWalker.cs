using System.ComponentModel.DataAnnotations;
using Config.Providers.Settings.Binding;

namespace Config.Providers.Settings.Validation;

/// <summary>
/// DataAnnotations over the whole settings tree: nested objects, list items and dictionary values too
/// (<see cref="Validator.TryValidateObject(object, ValidationContext, ICollection{ValidationResult}?, bool)"/> stops at the first level),
/// and attributes written on record constructor parameters, which the framework's validator does not see.
/// </summary>
internal static class DataAnnotationsWalker
{
    private const int MaxDepth = 64;

    public static void Validate(TypeShape shape, object? instance, string path, IServiceProvider? services, List<(string Key, string Message)> failures) =>
        Walk(shape, instance, path, services, failures, 0);

    private static void Walk(TypeShape shape, object? instance, string path, IServiceProvider? services, List<(string, string)> failures, int depth)
    {
        if (instance is null || depth > MaxDepth)
        {
            return;
        }

        switch (shape.Kind)
        {
            case ShapeKind.Nullable:
                Walk(shape.Element!, instance, path, services, failures, depth + 1);
                break;
            case ShapeKind.Object:
                WalkObject(shape.Object, instance, path, services, failures, depth);
                break;
            case ShapeKind.Collection when shape.Element!.Kind is not ShapeKind.Scalar:
                var index = 0;
                foreach (var item in (System.Collections.IEnumerable)instance)
                {
                    Walk(shape.Element, item, ValidationFailureKey.Join(path, index.ToString(System.Globalization.CultureInfo.InvariantCulture)), services, failures, depth + 1);
                    index++;
                }

                break;
            case ShapeKind.Dictionary when shape.Element!.Kind is not ShapeKind.Scalar:
                foreach (System.Collections.DictionaryEntry entry in (System.Collections.IDictionary)instance)
                {
                    Walk(shape.Element, entry.Value, ValidationFailureKey.Join(path, Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture)!), services, failures, depth + 1);
                }

                break;
        }
    }

    private static void WalkObject(ObjectShape shape, object instance, string path, IServiceProvider? services, List<(string, string)> failures, int depth)
    {
        var before = failures.Count;
        var results = new List<ValidationResult>();
        foreach (var member in shape.Members)
        {
            if (member.Getter is null)
            {
                continue;
            }

            var value = member.Getter(instance);
            if (member.Attributes.Count > 0)
            {
                results.Clear();
                var context = new ValidationContext(instance, member.Name, services, null) { MemberName = member.Name };
                Validator.TryValidateValue(value!, context, results, member.Attributes);
                foreach (var result in results)
                {
                    failures.Add((ValidationFailureKey.Join(path, member.Key), result.ErrorMessage ?? $"{member.Name} is invalid"));
                }
            }

            Walk(member.TypeShape, value, ValidationFailureKey.Join(path, member.Key), services, failures, depth + 1);
        }

        var objectContext = new ValidationContext(instance, shape.Type.Name, services, null);
        results.Clear();
        if (shape.ClassAttributes.Count > 0)
        {
            Validator.TryValidateValue(instance, objectContext, results, shape.ClassAttributes);
        }

        // As the framework does: object-level rules run only once the members themselves are valid.
        if (failures.Count == before && instance is IValidatableObject validatable)
        {
            results.AddRange(validatable.Validate(objectContext));
        }

        foreach (var result in results)
        {
            var members = result.MemberNames.ToList();
            if (members.Count == 0)
            {
                failures.Add((path, result.ErrorMessage ?? $"{shape.Type.Name} is invalid"));
            }

            foreach (var name in members)
            {
                var member = shape.FindByName(name);
                failures.Add((ValidationFailureKey.Join(path, member?.Key ?? name), result.ErrorMessage ?? $"{name} is invalid"));
            }
        }
    }
}
