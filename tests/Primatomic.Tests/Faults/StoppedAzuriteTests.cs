namespace Primatomic.Tests.Faults;

/// <summary>With a real Azurite process stopped (connections refused), every route answers 503, never 500.</summary>
[Trait("Category", "EndToEnd")]
public sealed class StoppedAzuriteTests(StoppedAzuriteFixture fixture) : IClassFixture<StoppedAzuriteFixture>
{
    [Fact]
    public async Task Every_route_answers_503_with_Retry_After_while_Azurite_is_stopped()
    {
        await fixture.Azurite.StopAsync();
        await RouteWalk.AssertEveryRouteUnavailableAsync(fixture);
    }
}
