using Primatomic.Testing;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Faults;

/// <summary>The fault proxy itself: a service runs through it unharmed, and the faults it injects really happen.</summary>
public sealed class StorageFaultProxyTests
{
    [Fact]
    public async Task A_service_behind_the_proxy_works_and_its_lost_answers_happen()
    {
        var azurite = await SharedAzurite.GetAsync();
        await using var proxy = await StorageFaultProxy.StartAsync(azurite);
        await using var factory = new ApiFactory(azurite, new Dictionary<string, string?> { ["AzureWebJobsStorage"] = proxy.ConnectionString });
        using var client = factory.CreateClient();
        var tenant = await TestTenant.RegisterAsync(client);
        Assert.NotEmpty(tenant.AccessToken);
        Assert.True(proxy.Forwarded > 0);

        proxy.Applies = StorageFaultProxy.IsWrite;
        proxy.LoseAnswerProbability = 1;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/logs/lost-" + Guid.NewGuid().ToString("N")[..8], UriKind.Relative));
        using var _ = await tenant.Authorize(client).SendAsync(request);
        Assert.True(proxy.LostAnswers > 0);
    }
}
