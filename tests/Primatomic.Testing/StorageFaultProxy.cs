using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Primatomic.Testing;

/// <summary>
/// A real HTTP proxy on loopback between a service and Azurite's blob and table endpoints, which injects the faults
/// storage really has: an answer lost after the write landed, a request lost before it arrived, a frozen server
/// (requests hang) and a dead one (connections dropped at once). Point a service at <see cref="ConnectionString"/>.
/// Faults apply to requests <see cref="Applies"/> selects (by default every request).
/// </summary>
public sealed class StorageFaultProxy : IAsyncDisposable
{
    private readonly Random _random;
    private readonly object _gate = new();
    private TaskCompletionSource _thawed = NewThaw(thawed: true);
    private int _lostAnswers;
    private int _lostRequests;
    private int _forwarded;
    private int _counted;

    private StorageProxyServer _server = null!;

    private StorageFaultProxy(int seed) => _random = new Random(seed);

    public AzuriteProcess Target => _server.Target;
    public int BlobPort => _server.BlobPort;
    public int TablePort => _server.TablePort;

    /// <summary>Probability that a request is forwarded, lands, and then its answer is dropped (the connection is reset).</summary>
    public double LoseAnswerProbability { get; set; }

    /// <summary>Probability that a request is dropped before it is forwarded.</summary>
    public double LoseRequestProbability { get; set; }

    /// <summary>Which requests the probabilities apply to; writes only is the usual choice (see <see cref="IsWrite"/>).</summary>
    public Func<HttpRequest, bool> Applies { get; set; } = _ => true;

    /// <summary>While set, every connection is reset at once, as if storage were down.</summary>
    public bool Down { get; set; }

    public int LostAnswers => Volatile.Read(ref _lostAnswers);
    public int LostRequests => Volatile.Read(ref _lostRequests);
    public int Forwarded => Volatile.Read(ref _forwarded);

    /// <summary>Which forwarded requests <see cref="Counted"/> counts (by default every one).</summary>
    public Func<HttpRequest, bool> Counts { get; set; } = _ => true;

    /// <summary>Forwarded requests that <see cref="Counts"/> selects: a test's own traffic, without a service's background work.</summary>
    public int Counted => Volatile.Read(ref _counted);

    public string ConnectionString => _server.ConnectionString;

    public static bool IsWrite(HttpRequest request) => !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method);

    /// <summary>A service's own background traffic for view placement (heartbeats, shard leases), not a request's.</summary>
    public static bool IsPlacement(HttpRequest request) => request.Path.Value?.Contains("/placement/", StringComparison.Ordinal) == true;

    public static async Task<StorageFaultProxy> StartAsync(AzuriteProcess target, int seed = 1)
    {
        var proxy = new StorageFaultProxy(seed);
        proxy._server = await StorageProxyServer.StartAsync(target, proxy.ForwardAsync);
        return proxy;
    }

    /// <summary>Requests hang (neither forwarded nor answered) until <see cref="Thaw"/>; the client's own timeout ends them.</summary>
    public void Freeze()
    {
        lock (_gate)
        {
            if (_thawed.Task.IsCompleted)
            {
                _thawed = NewThaw(thawed: false);
            }
        }
    }

    public void Thaw()
    {
        lock (_gate)
        {
            _thawed.TrySetResult();
        }
    }

    private async Task ForwardAsync(HttpContext context)
    {
        Task thawed;
        lock (_gate)
        {
            thawed = _thawed.Task;
        }

        await thawed.WaitAsync(context.RequestAborted);
        var (loseRequest, loseAnswer) = Roll(context.Request);
        if (Down || loseRequest)
        {
            if (loseRequest)
            {
                Interlocked.Increment(ref _lostRequests);
            }

            context.Abort();
            return;
        }

        var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        body.Position = 0;
        using var forward = _server.ForwardOf(context, body);
        using var answer = await _server.Client.SendAsync(forward, HttpCompletionOption.ResponseContentRead, context.RequestAborted);
        Interlocked.Increment(ref _forwarded);
        if (Counts(context.Request))
        {
            Interlocked.Increment(ref _counted);
        }

        if (loseAnswer)
        {
            Interlocked.Increment(ref _lostAnswers);
            context.Abort();
            return;
        }

        StorageProxyServer.AnswerWith(context, answer);
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private (bool LoseRequest, bool LoseAnswer) Roll(HttpRequest request)
    {
        if (!Applies(request))
        {
            return (false, false);
        }

        lock (_random)
        {
            var loseRequest = _random.NextDouble() < LoseRequestProbability;
            var loseAnswer = !loseRequest && _random.NextDouble() < LoseAnswerProbability;
            return (loseRequest, loseAnswer);
        }
    }

    private static TaskCompletionSource NewThaw(bool thawed)
    {
        var thaw = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (thawed)
        {
            thaw.SetResult();
        }

        return thaw;
    }

    public async ValueTask DisposeAsync()
    {
        Thaw();
        await _server.DisposeAsync();
    }
}
