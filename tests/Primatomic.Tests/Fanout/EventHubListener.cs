using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Primatomic.Testing;

namespace Primatomic.Tests.Fanout;

/// <summary>
/// A local stand-in for the Event Hubs REST endpoint: records every request and answers <see cref="Status"/>
/// (201 as the service does). <see cref="Hold"/> keeps requests waiting until released, to pile up commits.
/// </summary>
internal sealed class EventHubListener : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Task _serving;
    private TaskCompletionSource? _hold;

    private EventHubListener()
    {
        var port = FreePort.Next();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseAddress.AbsoluteUri);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public static EventHubListener Start() => new();

    public Uri BaseAddress { get; }

    public HttpStatusCode Status { get; set; } = HttpStatusCode.Created;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public void Hold() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _hold?.TrySetResult();

    /// <summary>The requests whose partition key is <paramref name="logId"/>, once <paramref name="done"/> holds for them.</summary>
    public async Task<List<RecordedRequest>> WaitForAsync(string logId, Func<List<RecordedRequest>, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var matching = Requests.Where(r => r.PartitionKeyHeader == logId).ToList();
            if (done(matching))
            {
                return matching;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The listener did not get the expected requests for {logId}; it has {matching.Count}.");
            await Task.Delay(25);
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new RecordedRequest(context.Request.HttpMethod, context.Request.Url!, headers, body.ToArray()));
        if (_hold is { } hold)
        {
            await hold.Task;
        }

        context.Response.StatusCode = (int)Status;
        context.Response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}

/// <summary>One publish request as the listener saw it.</summary>
internal sealed record RecordedRequest(string Method, Uri Url, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? PartitionKeyHeader => Headers.TryGetValue("BrokerProperties", out var value)
        ? JsonDocument.Parse(value).RootElement.GetProperty("PartitionKey").GetString()
        : null;

    /// <summary>The batch's messages: each one's partition key (from its BrokerProperties) and its decoded payload.</summary>
    public List<(string? PartitionKey, JsonElement UserProperties, JsonElement Payload)> Messages()
    {
        using var batch = JsonDocument.Parse(Body);
        return [.. batch.RootElement.EnumerateArray().Select(m => (
            m.TryGetProperty("BrokerProperties", out var broker) ? broker.GetProperty("PartitionKey").GetString() : null,
            m.GetProperty("UserProperties").Clone(),
            JsonDocument.Parse(m.GetProperty(nameof(Body)).GetString()!).RootElement.Clone()))];
    }

    /// <summary>Every (sequence, data or null for a reference) the request carries, in order.</summary>
    public List<(long Sequence, byte[]? Data)> Events() =>
        [.. Messages().SelectMany(m => m.Payload.GetProperty("events").EnumerateArray()).Select(e => (
            e.GetProperty("sequence").GetInt64(),
            e.TryGetProperty("data", out var data) ? data.GetBytesFromBase64() : null))];
}
