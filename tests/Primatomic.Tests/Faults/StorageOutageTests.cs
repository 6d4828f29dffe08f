using System.Net;
using System.Text.Json;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Faults;

/// <summary>
/// With storage stopped or frozen, every route answers honestly and in time: 503 SERVICE_UNAVAILABLE with
/// Retry-After as problem+json (never 500), within REQUEST_TIMEOUT_SECS.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class StorageOutageTests(OutageFixture fixture) : IClassFixture<OutageFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        fixture.Heal();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Every_route_answers_503_with_Retry_After_while_storage_is_down()
    {
        fixture.Proxy.Down = true;
        await RouteWalk.AssertEveryRouteUnavailableAsync(fixture);
    }

    [Fact]
    public async Task Every_route_answers_503_with_Retry_After_within_the_bound_while_storage_is_frozen()
    {
        fixture.Proxy.Freeze();
        await RouteWalk.AssertEveryRouteUnavailableAsync(fixture);
    }

    [Fact]
    public async Task A_token_whose_API_key_is_checked_in_storage_gets_503_not_401_while_storage_is_down()
    {
        fixture.Proxy.Down = true;
        using var client = fixture.Service.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/logs/" + fixture.LogId, UriKind.Relative));
        request.Headers.Authorization = new("Bearer", fixture.ApiKeyToken);
        using var response = await client.SendAsync(request);
        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        Assert.NotNull(response.Headers.RetryAfter);
    }
}
