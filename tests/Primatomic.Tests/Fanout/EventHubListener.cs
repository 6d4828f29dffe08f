using System.Collections.Concurrent;
using System.Net;
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
