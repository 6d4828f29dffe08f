using System.Globalization;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Logs;

/// <summary>Validation of the logs API's headers, query parameters and raw bodies; every failure is a 4xx problem.</summary>
internal static class LogsRequests
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static readonly RequestHeader AppendKey = new(IdempotencyKeyHeader,
        "1–200 printable ASCII characters naming this append: a retry with the same key and body answers the original "
        + "sequence and stores nothing new, across restarts and instances, within Logs__IdempotencyWindow (15 min and the "
        + "log's last 1,000,000 keyed appends); the same key with a different body is 422 IDEMPOTENCY_KEY_REUSED.", "order-17");

    public static readonly RequestHeader CreateKey = new(IdempotencyKeyHeader,
        "1–200 printable ASCII characters naming this create: a retry with the same key and name answers 201 with the log "
        + "the first attempt made; a 409 CONFLICT then means someone else has the name.", "create-orders-1");

    public static string? IdempotencyKey(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(IdempotencyKeyHeader, out var values))
        {
            return null;
        }

        var key = values.Count == 1 ? values[0] : null;
        if (key is null || key.Length is 0 or > LogLimits.MaxIdempotencyKeyLength || key.Any(c => c is < ' ' or > '~'))
        {
            throw ApiException.Validation("Idempotency-Key must be 1-200 printable ASCII characters.");
        }

        return key;
    }

    public static long? ExpectedSequence(HttpRequest request) =>
        request.Query.ContainsKey("expected_sequence") ? Integer(request, "expected_sequence", 0, long.MaxValue, 0) : null;

    /// <summary>An optional integer query parameter within [min, max]; anything else is a 400.</summary>
    public static long Integer(HttpRequest request, string name, long min, long max, long fallback) =>
        QueryParameters.WholeNumber(request, name, min, max) ?? fallback;

    /// <summary>
    /// The raw body as one event. A declared length over the limit is refused before reading; a chunked body is
    /// counted while it is read, so no more than the limit plus one buffer is ever held.
    /// </summary>
    public static async Task<byte[]> RawEventAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > LogLimits.MaxEventBytes)
        {
            throw TooLarge();
        }

        if (request.ContentLength is { } declared)
        {
            // The common case: read straight into an array of the declared size, no copies.
            var data = new byte[declared];
            await request.Body.ReadExactlyAsync(data, cancellationToken);
            return data.Length > 0 ? data : throw Empty();
        }

        using var buffer = new MemoryStream();
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > LogLimits.MaxEventBytes)
                {
                    throw TooLarge();
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.Length > 0 ? buffer.ToArray() : throw Empty();
    }

    private static ApiException Empty() => ApiException.Validation("The body is the event and must not be empty.");

    /// <summary>Decodes and checks a batch: 1-100 non-empty events, each at most 1 MiB, together at most 2 MiB.</summary>
    public static List<byte[]> BatchEvents(AppendBatchRequest? batch)
    {
        if (batch?.Events is not { Count: > 0 and <= LogLimits.MaxBatchEvents } encoded)
        {
            throw ApiException.Validation($"'events' must be an array of 1 to {LogLimits.MaxBatchEvents} base64 strings.");
        }

        var events = new List<byte[]>(encoded.Count);
        long total = 0;
        foreach (var item in encoded)
        {
            if (string.IsNullOrEmpty(item))
            {
                throw ApiException.Validation("Every event must be a non-empty base64 string.");
            }

            if (item.Length / 4 * 3 > LogLimits.MaxEventBytes + 3)
            {
                throw TooLarge();
            }

            byte[] data;
            try
            {
                data = Convert.FromBase64String(item);
            }
            catch (FormatException)
            {
                throw ApiException.Validation("Every event must be valid base64.");
            }

            if (data.Length == 0)
            {
                throw ApiException.Validation("Events must not be empty.");
            }

            total += data.Length;
            if (data.Length > LogLimits.MaxEventBytes || total > LogLimits.MaxBatchBytes)
            {
                throw TooLarge();
            }

            events.Add(data);
        }

        return events;
    }

    private static ApiException TooLarge() => ApiException.PayloadTooLarge(
        $"An event may be at most {LogLimits.MaxEventBytes} bytes, and a batch at most {LogLimits.MaxBatchBytes} bytes in total.");
}
