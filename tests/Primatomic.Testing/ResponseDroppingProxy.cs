using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Primatomic.Testing;

/// <summary>
/// A loopback reverse proxy in front of a service that can lose an answer on purpose: the request reaches the service
/// and is handled, then the proxy closes the client's connection instead of passing the response on. That is the
/// failure a client's retry must survive without storing a write twice. Everything else is forwarded as is, streamed
/// (long polls included).
/// </summary>
public sealed class ResponseDroppingProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpMessageInvoker _upstream;
    private readonly DropRules _rules;

    private ResponseDroppingProxy(WebApplication app, HttpMessageInvoker upstream, DropRules rules, Uri baseAddress)
    {
        _app = app;
        _upstream = upstream;
        _rules = rules;
        BaseAddress = baseAddress;
    }

    /// <summary>Where clients should connect instead of the service.</summary>
    public Uri BaseAddress { get; }

    /// <summary>How many answers the proxy has dropped so far.</summary>
    public int DroppedCount => _rules.Dropped;

    public static async Task<ResponseDroppingProxy> StartAsync(Uri target)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddHttpForwarder();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var upstream = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        });
        var rules = new DropRules();
        var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
        var destination = target.GetLeftPart(UriPartial.Authority);
        var transformer = new DroppingTransformer(rules);
        var config = new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromMinutes(5) };
        app.Run(async context => await forwarder.SendAsync(context, destination, upstream, config, transformer));
        await app.StartAsync();
        var proxy = new ResponseDroppingProxy(app, upstream, rules, new Uri(app.Urls.First().TrimEnd('/') + "/"));
        return proxy;
    }

    /// <summary>
    /// Drops the answer to the next request with <paramref name="method"/> whose path ends with
    /// <paramref name="pathSuffix"/> (say <c>/append</c>). Call it once per answer to lose.
    /// </summary>
    public void DropNextResponse(HttpMethod method, string pathSuffix) => _rules.Add(method.Method, pathSuffix);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }

    /// <summary>Answers pass through unless a drop rule takes them: then the client's connection is aborted.</summary>
    private sealed class DroppingTransformer(DropRules rules) : HttpTransformer
    {
        public override ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse,
            CancellationToken cancellationToken)
        {
            if (proxyResponse is not null && rules.TryTake(httpContext.Request.Method, httpContext.Request.Path.Value ?? ""))
            {
                // The service has answered, so the request was handled; nothing of the answer reaches the client.
                httpContext.Abort();
                return ValueTask.FromResult(false);
            }

            return base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        }
    }

    /// <summary>The pending drops, taken at most once each by whichever matching answer comes first.</summary>
    private sealed class DropRules
    {
        private readonly List<(string Method, string PathSuffix)> _pending = [];
        private int _dropped;

        public int Dropped => Volatile.Read(ref _dropped);

        public void Add(string method, string pathSuffix)
        {
            lock (_pending)
            {
                _pending.Add((method, pathSuffix));
            }
        }

        public bool TryTake(string method, string path)
        {
            lock (_pending)
            {
                var index = _pending.FindIndex(rule =>
                    string.Equals(rule.Method, method, StringComparison.OrdinalIgnoreCase) &&
                    path.EndsWith(rule.PathSuffix, StringComparison.Ordinal));
                if (index < 0)
                {
                    return false;
                }

                _pending.RemoveAt(index);
                _dropped++;
                return true;
            }
        }
    }
}
