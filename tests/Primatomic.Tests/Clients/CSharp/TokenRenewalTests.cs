using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Primatomic.Client;

namespace Primatomic.Tests.Clients.CSharp;

/// <summary>API-key sign-in renews the token before it expires, and the client works through IHttpClientFactory.</summary>
[Collection(SharesOneService.Name)]
[Trait("Category", "EndToEnd")]
public sealed class TokenRenewalTests(ClientService service)
{
    [Fact]
    public async Task An_api_key_client_exchanges_a_new_token_before_the_old_one_expires()
    {
        // Tokens live 60 s here; a 57 s margin renews each after 3 s, so two renewals fit in a short test.
        var seen = new RecordingHandler();
        using var http = new HttpClient(seen) { BaseAddress = service.Service.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var client = new PrimatomicClient(http, new PrimatomicClientOptions { ApiKey = service.ApiKey, TokenRefreshMargin = TimeSpan.FromSeconds(57) });
        var logId = await client.Logs.CreateAsync(ClientService.UniqueName("renewal"));

        var clock = Stopwatch.StartNew();
        while (seen.Exchanges < 3)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"only {seen.Exchanges} token exchanges in 30 s");
            await client.Logs.GetAsync(logId);
            await Task.Delay(100); // paces the polling only; the condition is the exchange count
        }

        Assert.Equal(0, seen.Unauthorized); // every request carried a live token: renewed before, not after, expiry
        Assert.True(seen.Tokens.Count >= 3, $"{seen.Tokens.Count} distinct tokens");
    }

    [Fact]
    public async Task AddPrimatomicClient_gives_a_singleton_client_over_IHttpClientFactory()
    {
        var services = new ServiceCollection();
        services.AddPrimatomicClient(options =>
        {
            options.BaseAddress = service.Service.BaseAddress;
            options.ApiKey = service.ApiKey;
        });
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<PrimatomicClient>();
        var logId = await client.Logs.CreateAsync(ClientService.UniqueName("di"));

        Assert.Same(client, provider.GetRequiredService<PrimatomicClient>());
        Assert.Equal(1, (await client.Logs.AppendAsync(logId, "di"u8.ToArray())).Sequence);
    }

    /// <summary>Counts token exchanges and 401s, and collects the bearer tokens sent.</summary>
    private sealed class RecordingHandler() : DelegatingHandler(new HttpClientHandler())
    {
        private int _exchanges;
        private int _unauthorized;

        public ConcurrentDictionary<string, bool> Tokens { get; } = new();

        public int Exchanges => Volatile.Read(ref _exchanges);

        public int Unauthorized => Volatile.Read(ref _unauthorized);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath == "/auth/token")
            {
                Interlocked.Increment(ref _exchanges);
            }

            if (request.Headers.Authorization?.Parameter is { } token)
            {
                Tokens[token] = true;
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
            {
                Interlocked.Increment(ref _unauthorized);
            }

            return response;
        }
    }
}
