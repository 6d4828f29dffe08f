using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Primatomic.Tests.Infrastructure;
using static Primatomic.Tests.Fanout.HostInvocations;

namespace Primatomic.Tests.Fanout;

/// <summary>The invocation routes answer 404 to anyone not on this machine, even with the host's header.</summary>
public sealed class NonLoopbackInvocationTests : IAsyncLifetime
{
    private ApiFactory _api = null!;

    public async Task InitializeAsync() => _api = await ApiFactory.CreateAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_remote_caller_gets_not_found_even_with_the_invocation_header()
    {
        using var factory = _api.WithWebHostBuilder(web => web.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new RemoteAddress())));
        using var client = factory.CreateClient();
        foreach (var remote in new[] { "203.0.113.7", "10.0.0.4", "::ffff:192.168.1.9", "2001:db8::1", "" })
        {
            foreach (var function in new[] { "ViewProcessor", "ViewSweeper" })
            {
                var payload = function == "ViewSweeper" ? Timer() : EventHub(BodyEncoding.BinaryArray, Message(Guid.NewGuid().ToString(), Event(1)));
                client.DefaultRequestHeaders.Remove(RemoteAddress.Header);
                client.DefaultRequestHeaders.Add(RemoteAddress.Header, remote);

                var (status, body) = await InvokeAsync(client, function, payload);

                Assert.True(status == HttpStatusCode.NotFound, $"{function} from '{remote}' answered {status}: {body}");
                Assert.Contains("NOT_FOUND", body, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>Makes a request look as if it came from the address in its test header (none when empty).</summary>
    private sealed class RemoteAddress : IStartupFilter
    {
        public const string Header = "X-Test-Remote-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                var remote = context.Request.Headers[Header].ToString();
                context.Connection.RemoteIpAddress = remote.Length == 0 ? null : IPAddress.Parse(remote);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
