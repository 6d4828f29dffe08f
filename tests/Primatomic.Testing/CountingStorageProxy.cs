using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Primatomic.Testing;

/// <summary>
/// A loopback HTTP proxy between one service process and Azurite's blob and table endpoints that forwards every
/// request unchanged and counts it (<see cref="StorageCounts"/>): by table or container, by kind, by status class;
/// rows returned by table queries (the JSON <c>value</c> array) and entities carried by table writes. One proxy per
/// instance is how a benchmark sees each instance's storage traffic. It forwards through the same
/// <see cref="StorageProxyServer"/> as <see cref="StorageFaultProxy"/> but injects nothing.
/// </summary>
public sealed class CountingStorageProxy : IAsyncDisposable
{
    private readonly string _prefix;
    private readonly ConcurrentDictionary<StorageCountKey, long[]> _tallies = new();
    private StorageProxyServer _server = null!;

    private CountingStorageProxy(string prefix) => _prefix = prefix;

    /// <summary>
    /// When set (e.g. to a log id), requests that name it in their target or body are counted under their resource
    /// plus <see cref="WatchedSuffix"/> ("table:events@watched"): one partition's share of the traffic.
    /// </summary>
    public string? Watch { get; set; }

    public const string WatchedSuffix = "@watched";

    /// <summary>
    /// When set, names what each request is for, from (is table, method, raw target), counted as
    /// <see cref="StorageCountKey.Detail"/>: a benchmark that knows the service's paths splits traffic by its driver.
    /// </summary>
    public Func<bool, string, string, string>? Describe { get; set; }

    public int BlobPort => _server.BlobPort;
    public int TablePort => _server.TablePort;

    public string ConnectionString => _server.ConnectionString;

    /// <summary>Starts a proxy in front of <paramref name="target"/>; <paramref name="namePrefix"/> (STORAGE_NAME_PREFIX) is cut from names.</summary>
    public static async Task<CountingStorageProxy> StartAsync(AzuriteProcess target, string namePrefix)
    {
        var proxy = new CountingStorageProxy(namePrefix);
        proxy._server = await StorageProxyServer.StartAsync(target, proxy.ForwardAsync);
        return proxy;
    }

    /// <summary>Everything counted so far; subtract an earlier snapshot for a window.</summary>
    public StorageCounts Snapshot() =>
        new(_tallies.ToDictionary(t => t.Key, t => new StorageTally(Volatile.Read(ref t.Value[0]), Volatile.Read(ref t.Value[1]), Volatile.Read(ref t.Value[2]))));

    private async Task ForwardAsync(HttpContext context)
    {
        var isTable = _server.IsTable(context);
        var rawTarget = StorageProxyServer.RawTarget(context);
        var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var content = body.GetBuffer().AsSpan(0, (int)body.Length);
        var (resource, kind, entities) = StorageRequestKind.Classify(isTable, context.Request.Method, rawTarget, content, _prefix);
        var detail = Describe?.Invoke(isTable, context.Request.Method, rawTarget) ?? "";
        if (Watch is { } watch && (Uri.UnescapeDataString(rawTarget).Contains(watch, StringComparison.Ordinal)
            || content.IndexOf(System.Text.Encoding.UTF8.GetBytes(watch)) >= 0))
        {
            resource += WatchedSuffix;
        }

        body.Position = 0;
        using var forward = _server.ForwardOf(context, body);

        HttpResponseMessage answer;
        try
        {
            answer = await _server.Client.SendAsync(forward, HttpCompletionOption.ResponseContentRead, context.RequestAborted);
        }
        catch (HttpRequestException)
        {
            Count(new StorageCountKey(resource, kind, 0, detail), 0, 0);
            context.Abort();
            return;
        }

        using (answer)
        {
            var bytes = await answer.Content.ReadAsByteArrayAsync(context.RequestAborted);
            var status = (int)answer.StatusCode;
            var rows = kind == StorageRequestKind.Query && status < 300 ? RowsIn(bytes) : 0;
            Count(new StorageCountKey(resource, kind, status / 100, detail), rows, entities);

            StorageProxyServer.AnswerWith(context, answer);

            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }
    }

    private void Count(StorageCountKey key, long rows, long entities)
    {
        var tally = _tallies.GetOrAdd(key, _ => new long[3]);
        Interlocked.Increment(ref tally[0]);
        Interlocked.Add(ref tally[1], rows);
        Interlocked.Add(ref tally[2], entities);
    }

    private static int RowsIn(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array
                ? value.GetArrayLength()
                : 0;
        }
        catch (JsonException)
        {
            return 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
    }
}
