namespace Primatomic.Client;

/// <summary>Views of a log: the <c>/logs/{logId}/views</c> routes and the WIT every view implements.</summary>
public sealed class ViewsClient
{
    private readonly PrimatomicTransport _transport;

    internal ViewsClient(PrimatomicTransport transport) => _transport = transport;

    /// <summary>
    /// <c>POST /logs/{logId}/views/{viewName}</c>: deploys (or redeploys) a WebAssembly component. Retried only when the
    /// service refused it with 429 (another compile of the tenant running).
    /// </summary>
    public Task<ViewDeployment> DeployAsync(string logId, string viewName, ReadOnlyMemory<byte> component, CancellationToken cancellationToken = default) =>
        _transport.ReadJsonAsync<ViewDeployment>(new ApiRequest(HttpMethod.Post, ViewPath(logId, viewName))
        {
            Content = PrimatomicTransport.Bytes(component),
            Safety = RetrySafety.OnlyWhenRefused,
            // Compiling may wait for a compiler (Views__CompileQueueTimeout) and then compile (Views__CompileTimeout).
            ExtraTime = TimeSpan.FromSeconds(60),
        }, cancellationToken);

    /// <summary><c>GET /logs/{logId}/views</c>: the log's views.</summary>
    public async Task<IReadOnlyList<ViewInfo>> ListAsync(string logId, CancellationToken cancellationToken = default) =>
        (await _transport.ReadJsonAsync<Wire.ViewList>(new ApiRequest(HttpMethod.Get, $"logs/{Routes.Segment(logId)}/views"), cancellationToken)
            .ConfigureAwait(false)).Views;

    /// <summary><c>DELETE /logs/{logId}/views/{viewName}</c>: removes the view, its replicas and checkpoints.</summary>
    public Task DeleteAsync(string logId, string viewName, CancellationToken cancellationToken = default) =>
        _transport.SendOnlyAsync(new ApiRequest(HttpMethod.Delete, ViewPath(logId, viewName)), cancellationToken);

    /// <summary><c>GET /logs/{logId}/views/{viewName}/stats</c>: progress, lag, state and last error.</summary>
    public Task<ViewStats> GetStatsAsync(string logId, string viewName, CancellationToken cancellationToken = default) =>
        _transport.ReadJsonAsync<ViewStats>(new ApiRequest(HttpMethod.Get, ViewPath(logId, viewName) + "/stats"), cancellationToken);

    /// <summary>
    /// <c>POST /logs/{logId}/views/{viewName}/query?after=</c>: the view's answer to <paramref name="input"/>. With
    /// <paramref name="after"/> (read-after-write: pass the sequence of your own append) the answer reflects every
    /// event up to it; the service waits up to its <c>Views__QueryWaitTimeout</c> for that, and the client retries its
    /// 503 <c>VIEW_CATCH_UP_TIMEOUT</c> like any transient failure. Without it, the replica's current state answers.
    /// </summary>
    public async Task<byte[]> QueryAsync(string logId, string viewName, ReadOnlyMemory<byte> input = default, long? after = null,
        CancellationToken cancellationToken = default)
    {
        using var response = await _transport.SendAsync(new ApiRequest(HttpMethod.Post, ViewPath(logId, viewName) + "/query" + new QueryString().Add("after", after))
        {
            Content = PrimatomicTransport.Bytes(input),
            ExtraTime = after is null ? TimeSpan.Zero : TimeSpan.FromSeconds(10),
        }, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>GET /wit/primatomic-machine.wit</c>: the WIT interface every view implements.</summary>
    public async Task<string> GetWitAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _transport.SendAsync(new ApiRequest(HttpMethod.Get, "wit/primatomic-machine.wit") { Authenticated = false }, cancellationToken)
            .ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string ViewPath(string logId, string viewName) => $"logs/{Routes.Segment(logId)}/views/{Routes.Segment(viewName)}";
}
