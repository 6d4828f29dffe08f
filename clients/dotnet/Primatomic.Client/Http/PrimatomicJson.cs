using System.Text.Json;

namespace Primatomic.Client;

/// <summary>The wire format: snake_case JSON, binary as base64.</summary>
internal static class PrimatomicJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}
