using System.Runtime.CompilerServices;

namespace Primatomic.Client;

/// <summary>
/// Logs, appends and reads: the <c>/logs</c> routes. Appends and creates are safe to retry by default: without an
/// <c>idempotencyKey</c> the client makes one per call and every attempt of that call sends it.
/// </summary>
public sealed class LogsClient
{
    private static readonly TimeSpan DefaultTailWait = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    private readonly PrimatomicTransport _transport;

    internal LogsClient(PrimatomicTransport transport) => _transport = transport;

    /// <summary><c>POST /logs/{name}</c>: a new log; returns its id. Retried with one Idempotency-Key, so a retry never meets its own log as a conflict.</summary>
    public async Task<string> CreateAsync(string name, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        (await _transport.ReadJsonAsync<Wire.CreatedLog>(new ApiRequest(HttpMethod.Post, $"logs/{Routes.Segment(name)}")
        {
            IdempotencyKey = IdempotencyKeys.OrNew(idempotencyKey),
        }, cancellationToken).ConfigureAwait(false)).LogId;

    /// <summary><c>GET /logs?limit=&amp;continuation=</c>: one page of the tenant's logs in name order.</summary>
    public Task<LogPage> ListAsync(int? limit = null, string? continuation = null, CancellationToken cancellationToken = default)
    {
        var query = new QueryString().Add("limit", limit).Add("continuation", continuation);
        return _transport.ReadJsonAsync<LogPage>(new ApiRequest(HttpMethod.Get, "logs" + query), cancellationToken);
    }

    /// <summary>Every log of the tenant, page after page.</summary>
    public async IAsyncEnumerable<LogInfo> ListAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? continuation = null;
        do
        {
            var page = await ListAsync(null, continuation, cancellationToken).ConfigureAwait(false);
            foreach (var log in page.Logs)
            {
                yield return log;
            }

            continuation = page.Continuation;
        }
        while (continuation is not null);
    }

    /// <summary><c>GET /logs?name=</c>: the log with this name, or null if the tenant has none.</summary>
    public async Task<LogInfo?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        var page = await _transport.ReadJsonAsync<LogPage>(new ApiRequest(HttpMethod.Get, "logs" + new QueryString().Add("name", name)), cancellationToken)
            .ConfigureAwait(false);
        return page.Logs.Count > 0 ? page.Logs[0] : null;
    }

    /// <summary><c>GET /logs/{logId}</c>: the log and its head.</summary>
    public Task<LogInfo> GetAsync(string logId, CancellationToken cancellationToken = default) =>
        _transport.ReadJsonAsync<LogInfo>(new ApiRequest(HttpMethod.Get, $"logs/{Routes.Segment(logId)}"), cancellationToken);

    /// <summary>
    /// <c>POST /logs/{logId}/append</c>: one event, committed durably before this returns. With
    /// <paramref name="expectedSequence"/>, only if the head is there (else <see cref="SequenceMismatchException"/>).
    /// Safe to retry: see the class summary and the README.
    /// </summary>
    public Task<AppendResult> AppendAsync(string logId, ReadOnlyMemory<byte> data, long? expectedSequence = null, string? idempotencyKey = null,
        CancellationToken cancellationToken = default)
    {
        var query = new QueryString().Add("expected_sequence", expectedSequence);
        return _transport.ReadJsonAsync<AppendResult>(new ApiRequest(HttpMethod.Post, $"logs/{Routes.Segment(logId)}/append{query}")
        {
            Content = PrimatomicTransport.Bytes(data),
            IdempotencyKey = IdempotencyKeys.OrNew(idempotencyKey),
        }, cancellationToken);
    }

    /// <summary>
    /// <c>POST /logs/{logId}/append-batch</c>: 1 to 100 events committed together at consecutive sequences, or none.
    /// <paramref name="expectedSequence"/> is the head before the batch. Safe to retry like <see cref="AppendAsync"/>.
    /// </summary>
    public Task<BatchAppendResult> AppendBatchAsync(string logId, IEnumerable<byte[]> events, long? expectedSequence = null,
        string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var query = new QueryString().Add("expected_sequence", expectedSequence);
        return _transport.ReadJsonAsync<BatchAppendResult>(new ApiRequest(HttpMethod.Post, $"logs/{Routes.Segment(logId)}/append-batch{query}")
        {
            Content = PrimatomicTransport.Json(new Wire.Batch([.. events])),
            IdempotencyKey = IdempotencyKeys.OrNew(idempotencyKey),
        }, cancellationToken);
    }

    /// <summary>
    /// <c>GET /logs/{logId}/events?after=&amp;limit=&amp;wait=</c>: events after <paramref name="after"/>. With
    /// <paramref name="wait"/> (up to 30 s) an empty answer is held until an event arrives or the wait ends.
    /// </summary>
    public Task<EventPage> ReadAsync(string logId, long after = 0, int? limit = null, TimeSpan? wait = null,
        CancellationToken cancellationToken = default)
    {
        var seconds = wait is { } w ? (long)Math.Ceiling(Math.Clamp(w.TotalSeconds, 0, LongestWait.TotalSeconds)) : (long?)null;
        var query = new QueryString().Add("after", after).Add("limit", limit).Add("wait", seconds);
        return _transport.ReadJsonAsync<EventPage>(new ApiRequest(HttpMethod.Get, $"logs/{Routes.Segment(logId)}/events{query}")
        {
            ExtraTime = TimeSpan.FromSeconds(seconds ?? 0),
        }, cancellationToken);
    }

    /// <summary>
    /// Every event after <paramref name="after"/>, then each new one as it is committed, until cancelled: a long-poll
    /// (<paramref name="wait"/>, 20 s by default) that resumes after the last event it yielded. Every transient failure
    /// (no answer: the connection failed or dropped or the attempt timed out; 429, 502, 503 or 504; also while signing
    /// in) is waited out and retried for as long as it runs, so a restarting service loses or repeats nothing; any other
    /// failure ends it with its exception.
    /// </summary>
    public async IAsyncEnumerable<Event> TailAsync(string logId, long after = 0, TimeSpan? wait = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var last = after;
        var failures = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            EventPage page;
            try
            {
                page = await ReadAsync(logId, last, null, wait ?? DefaultTailWait, cancellationToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (PrimatomicException e) when (e.IsTransient && !cancellationToken.IsCancellationRequested)
            {
                failures++;
                await Task.Delay(RetryDelays.Next(_transport.Options, failures, e.RetryAfter), _transport.Options.TimeProvider, cancellationToken)
                    .ConfigureAwait(false);
                continue;
            }

            foreach (var item in page.Events)
            {
                if (item.Sequence > last)
                {
                    last = item.Sequence;
                    yield return item;
                }
            }
        }
    }
}
