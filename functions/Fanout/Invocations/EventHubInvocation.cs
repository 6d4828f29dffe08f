using System.Text.Json;

namespace Primatomic.Functions.Fanout.Invocations;

/// <summary>
/// Reads an eventHubTrigger invocation (<c>cardinality: many</c>) defensively. <c>Data.events</c> is the array of event
/// bodies, or a JSON string holding that array; each body is base64 (<c>dataType: binary</c>), UTF-8 text
/// (<c>string</c>) or already-parsed JSON (no dataType). Whatever cannot be read is reported and skipped.
/// </summary>
public static class EventHubInvocation
{
    public const string BindingName = "events";

    public sealed record Contents(List<FanoutMessage> Messages, List<string> Problems, string? PartitionId);

    public static Contents Read(JsonElement invocation)
    {
        var contents = new Contents([], [], null);
        var data = Property(invocation, "Data");
        if (data is not { ValueKind: JsonValueKind.Object } || Property(data.Value, BindingName) is not { } events)
        {
            contents.Problems.Add("the invocation has no Data.events");
            return contents;
        }

        var partition = Unwrap(Property(invocation, "Metadata") ?? default) is { ValueKind: JsonValueKind.Object } metadata
            && Unwrap(Property(metadata, "PartitionContext") ?? default) is { ValueKind: JsonValueKind.Object } context
            && Property(context, "PartitionId") is { } id ? id.ToString() : null;
        contents = contents with { PartitionId = partition };

        var items = Unwrap(events);
        if (items is not { ValueKind: JsonValueKind.Array } array)
        {
            contents.Problems.Add("Data.events is not an array");
            return contents;
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (ReadItem(item, out var problem) is { } message)
            {
                contents.Messages.Add(message);
            }
            else
            {
                contents.Problems.Add($"event {index}: {problem}");
            }

            index++;
        }

        return contents;
    }

    private static FanoutMessage? ReadItem(JsonElement item, out string? problem)
    {
        switch (item.ValueKind)
        {
            case JsonValueKind.Object:
                return FanoutMessage.TryParse(item, out problem);
            case JsonValueKind.String:
                var text = item.GetString()!;
                if (text.AsSpan().TrimStart().StartsWith("{"))
                {
                    return ParseBytes(System.Text.Encoding.UTF8.GetBytes(text), out problem);
                }

                if (item.TryGetBytesFromBase64(out var bytes))
                {
                    return ParseBytes(bytes, out problem);
                }

                problem = "the body is neither base64 nor JSON";
                return null;
            case JsonValueKind.Array when item.EnumerateArray().All(b => b.TryGetByte(out _)):
                return ParseBytes([.. item.EnumerateArray().Select(b => b.GetByte())], out problem);
            default:
                problem = $"the body is a JSON {item.ValueKind}";
                return null;
        }
    }

    private static FanoutMessage? ParseBytes(byte[] json, out string? problem)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return FanoutMessage.TryParse(document.RootElement, out problem);
        }
        catch (JsonException)
        {
            problem = "the body is not JSON";
            return null;
        }
    }

    /// <summary>The host often sends arrays and objects as a JSON string holding them: read through that.</summary>
    private static JsonElement? Unwrap(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            return element;
        }

        try
        {
            using var document = JsonDocument.Parse(element.GetString()!);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return element;
        }
    }

    /// <summary>Host payload keys are PascalCase; accept any casing.</summary>
    private static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
