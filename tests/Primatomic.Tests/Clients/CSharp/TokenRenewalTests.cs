using Microsoft.Extensions.DependencyInjection;
using Primatomic.Client;
using Primatomic.Tests.Contract;

namespace Primatomic.Tests.Clients.CSharp;

/// <summary>API-key sign-in renews the token before it expires, and the client works through IHttpClientFactory.</summary>
[Collection(SharesOneService.Name)]
[Trait("Category", "EndToEnd")]
public sealed class TokenRenewalTests(ClientService service)
{
    [Fact]
    public async Task An_api_key_client_exchanges_a_new_token_before_the_old_one_expires()
    {
        // Tokens live 60 s here and the default margin is a fifth of that, so a token is replaced once 48 s have passed
        // on the client's clock. The clock is the test's: nothing waits on real time, and the service still checks
        // every token it is sent.
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var seen = new RecordingHandler();
        using var http = new HttpClient(seen) { BaseAddress = service.Service.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var client = new PrimatomicClient(http, new PrimatomicClientOptions { ApiKey = service.ApiKey, TimeProvider = clock });
        var logId = await client.Logs.CreateAsync(ClientService.UniqueName("renewal"));
        Assert.Single(TokenExchanges(seen));

        for (var renewal = 2; renewal <= 3; renewal++)
        {
            clock.Advance(TimeSpan.FromSeconds(47));
            await client.Logs.GetAsync(logId);
            Assert.Equal(renewal - 1, TokenExchanges(seen).Count); // 13 s before expiry: still the same token

            clock.Advance(TimeSpan.FromSeconds(2));
            await client.Logs.GetAsync(logId);
            Assert.Equal(renewal, TokenExchanges(seen).Count); // 11 s before expiry: renewed first
        }

        Assert.DoesNotContain(seen.Exchanges, e => e.Status == 401); // every request carried a live token
        Assert.Equal(3, TokenExchanges(seen).Select(e => e.Body).Distinct().Count());
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

    private static List<RecordingHandler.Exchange> TokenExchanges(RecordingHandler seen) =>
        [.. seen.Exchanges.Where(e => e.Path == "/auth/token" && e.Status == 200)];
}
