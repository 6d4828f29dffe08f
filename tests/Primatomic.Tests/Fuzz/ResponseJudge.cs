using System.Text.Json;

namespace Primatomic.Tests.Fuzz;

/// <summary>What every answer to a hostile request must be: no 5xx, no stack trace, and every 4xx a problem with a code.</summary>
internal static class ResponseJudge
{
    /// <returns>Why the answer is wrong, in a few words that group alike failures, or null when it is fine.</returns>
    public static string? Fault(FuzzCase request, RawHttp.Response? response)
    {
        if (response is null)
        {
            return "no answer (connection closed)";
        }

        if (response.Status >= 500)
        {
            return $"{response.Status}";
        }

        // The reference page's script (/docs/scalar.js, a package's static file) is code that names exceptions; not an error.
        var script = response.Headers.GetValueOrDefault("Content-Type", "").StartsWith("text/javascript", StringComparison.OrdinalIgnoreCase);
        if (!script && (response.Body.Contains("   at ", StringComparison.Ordinal) || response.Body.Contains("Exception", StringComparison.Ordinal)))
        {
            return $"{response.Status} with a stack trace or exception name";
        }

        if (response.Status is < 400 or > 499 || !request.ExpectsBody)
        {
            return null;
        }

        var contentType = response.Headers.GetValueOrDefault("Content-Type", "");
        if (!contentType.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase))
        {
            return $"{response.Status} not problem+json (Content-Type '{contentType}')";
        }

        try
        {
            using var problem = JsonDocument.Parse(response.Body);
            return problem.RootElement.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                ? null
                : $"{response.Status} problem without a code";
        }
        catch (JsonException)
        {
            return $"{response.Status} problem+json that is not JSON";
        }
    }
}
