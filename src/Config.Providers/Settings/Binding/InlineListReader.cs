using System.Text.Json;

namespace Config.Providers.Settings.Binding;

/// <summary>
/// Reads a list written as one value: a JSON array (<c>["a","b"]</c>, <c>[80, 443]</c>) or a comma list (<c>a, b</c>);
/// a <c>byte[]</c> from one value is base64 (or a JSON array), as <c>ConfigurationBinder</c> reads it.
/// </summary>
internal static class InlineListReader
{
    public static bool TryRead(TypeShape shape, string value, string path, bool mutable, bool secret, BindingContext context, List<object?> items)
    {
        context.Raw.Add(path, value, mutable, secret);
        var element = shape.Element!;
        var scalar = element.Kind == ShapeKind.Nullable ? element.Element! : element;
        if (scalar.Kind != ShapeKind.Scalar)
        {
            context.Problem(path, $"a list of {element.DisplayName} needs indexed child keys ({path}:0:…), not a single value");
            return false;
        }

        var texts = new List<string?>();
        var trimmed = value.Trim();
        if (shape.Type == typeof(byte[]) && !trimmed.StartsWith('['))
        {
            return TryReadBase64(trimmed, path, secret, context, items);
        }

        if (trimmed.StartsWith('['))
        {
            if (!TryReadJsonArray(trimmed, texts, out var error))
            {
                context.Problem(path, $"not a valid JSON array of values{(secret ? string.Empty : ": " + error)}");
                return false;
            }
        }
        else if (trimmed.Length > 0)
        {
            foreach (var part in trimmed.Split(','))
            {
                texts.Add(part.Trim());
            }
        }

        var ok = true;
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i];
            if (text is null || (text.Length == 0 && element.Kind == ShapeKind.Nullable))
            {
                if (element.Kind == ShapeKind.Nullable || !scalar.Type.IsValueType)
                {
                    items.Add(null);
                    continue;
                }

                context.Problem(path, $"item {i} is empty; expected {scalar.DisplayName}");
                ok = false;
                continue;
            }

            if (SettingsBinder.TryConvertScalar(scalar, text, out var item, out var reason))
            {
                items.Add(item);
            }
            else
            {
                context.Problem(path, $"item {i} ({SettingsBinder.Show(text, secret)}) is not a valid {scalar.DisplayName}: {reason}");
                ok = false;
            }
        }

        return ok;
    }

    private static bool TryReadJsonArray(string text, List<string?> texts, out string? error)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 4 });
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                error = "expected an array";
                return false;
            }

            foreach (var item in document.RootElement.EnumerateArray())
            {
                switch (item.ValueKind)
                {
                    case JsonValueKind.String:
                        texts.Add(item.GetString());
                        break;
                    case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                        texts.Add(item.GetRawText());
                        break;
                    case JsonValueKind.Null:
                        texts.Add(null);
                        break;
                    default:
                        error = "items must be strings, numbers, booleans or null";
                        return false;
                }
            }

            error = null;
            return true;
        }
        catch (JsonException e)
        {
            error = $"invalid JSON at byte {e.BytePositionInLine}";
            return false;
        }
    }

    private static bool TryReadBase64(string text, string path, bool secret, BindingContext context, List<object?> items)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(text, buffer, out var length))
        {
            // Never the text: a byte[] is often a key. The length says enough to find a truncated value.
            context.Problem(path, $"not valid base64 ({text.Length} characters{(secret ? string.Empty : text.Contains(',') ? "; a byte[] from one value is base64 or a JSON array of numbers, not a comma list" : string.Empty)})");
            return false;
        }

        foreach (var b in buffer.AsSpan(0, length))
        {
            items.Add(b);
        }

        return true;
    }
}
