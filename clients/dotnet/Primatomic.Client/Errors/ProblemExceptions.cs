using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Primatomic.Client;

/// <summary>Turns an error response into the matching <see cref="PrimatomicException"/>.</summary>
internal static class ProblemExceptions
{
    private static readonly HashSet<string> Standard = ["type", "title", "status", "code", "detail", "instance", "trace_id"];

    public static async Task<PrimatomicException> FromAsync(HttpResponseMessage response, string? idempotencyKey, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var problem = await ReadAsync(response, time, cancellationToken).ConfigureAwait(false);
        PrimatomicException exception = problem.Status switch
        {
            400 => new PrimatomicValidationException(problem),
            401 => new PrimatomicAuthenticationException(problem),
            403 => new PrimatomicPermissionDeniedException(problem),
            404 => new PrimatomicNotFoundException(problem),
            409 when problem.Code == ErrorCodes.SequenceMismatch => new SequenceMismatchException(problem),
            409 => new PrimatomicConflictException(problem),
            429 => new PrimatomicRateLimitedException(problem),
            503 => new PrimatomicUnavailableException(problem),
            _ => new PrimatomicException(problem),
        };
        exception.IdempotencyKey = idempotencyKey;
        return exception;
    }

    private static async Task<PrimatomicProblem> ReadAsync(HttpResponseMessage response, TimeProvider time, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (body.Length > 0)
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var member in document.RootElement.EnumerateObject())
                    {
                        members[member.Name] = member.Value.Clone();
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's HTML page, say): the status alone still says what happened.
        }

        return new PrimatomicProblem
        {
            Status = status,
            Code = Text(members, "code") ?? ErrorCodes.Unknown,
            Title = Text(members, "title") ?? response.ReasonPhrase,
            Detail = Text(members, "detail"),
            Instance = Text(members, "instance"),
            TraceId = Text(members, "trace_id") ?? TraceIdOf(response),
            RetryAfter = RetryAfterOf(response.Headers.RetryAfter, time),
            Extensions = members.Where(m => !Standard.Contains(m.Key)).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal),
        };
    }

    public static TimeSpan? RetryAfterOf(RetryConditionHeaderValue? header, TimeProvider time) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static string? Text(Dictionary<string, JsonElement> members, string name) =>
        members.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? TraceIdOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("traceparent", out var values)
        && ActivityContext.TryParse(values.FirstOrDefault(), null, out var context)
            ? context.TraceId.ToString()
            : null;
}
