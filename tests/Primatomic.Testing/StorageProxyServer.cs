using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Primatomic.Testing;

/// <summary>
/// The forwarding both test proxies share: a loopback server with one port for blobs and one for tables in front of an
/// Azurite, requests passed on with their raw target (they are signed over its exact encoding) and without hop-by-hop
/// headers, answers passed back the same way. What a proxy does around that (faults, counts) is its own.
/// </summary>
internal sealed class StorageProxyServer : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Host",
    };

    private readonly WebApplication _app;

    private StorageProxyServer(WebApplication app, AzuriteProcess target)
    {
        _app = app;
        Target = target;
    }

    public AzuriteProcess Target { get; }
    public int BlobPort { get; private set; }
    public int TablePort { get; private set; }

    public HttpClient Client { get; } = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AzuriteProcess.AccountName};AccountKey={AzuriteProcess.AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AzuriteProcess.AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AzuriteProcess.AccountName};";

    /// <summary>Starts the server; every request goes to <paramref name="handle"/>.</summary>
    public static async Task<StorageProxyServer> StartAsync(AzuriteProcess target, RequestDelegate handle)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        app.Run(handle);
        await app.StartAsync();
        var ports = app.Urls.Select(url => new Uri(url).Port).ToList();
        return new StorageProxyServer(app, target) { BlobPort = ports[0], TablePort = ports[1] };
    }

    public bool IsTable(HttpContext context) => context.Connection.LocalPort == TablePort;

    public static string RawTarget(HttpContext context) => context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;

    /// <summary>The request to send on to Azurite, with <paramref name="body"/> (the request's body, already read).</summary>
    public HttpRequestMessage ForwardOf(HttpContext context, Stream body)
    {
        var forward = new HttpRequestMessage(new HttpMethod(context.Request.Method),
            new Uri($"http://127.0.0.1:{(IsTable(context) ? Target.TablePort : Target.BlobPort)}{RawTarget(context)}"))
        {
            Content = new StreamContent(body),
        };
        foreach (var (name, values) in context.Request.Headers)
        {
            if (!HopByHop.Contains(name) && !forward.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                forward.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        return forward;
    }

    /// <summary>Azurite's status and headers on the proxy's answer (the body is the caller's to write).</summary>
    public static void AnswerWith(HttpContext context, HttpResponseMessage answer)
    {
        context.Response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Client.Dispose();
    }
}
