using Primatomic.Testing;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Logs;

namespace Primatomic.Tests.Clients;

/// <summary>
/// The proxy the client tests lose answers with: a dropped answer means the service handled the request and the
/// caller saw only a broken connection; every other request passes through untouched.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ResponseDroppingProxyTests : IAsyncLifetime
{
    private ServiceProcess _service = null!;
    private ResponseDroppingProxy _proxy = null!;

    public async Task InitializeAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        _service = await ServiceProcess.StartAsync(LogsHttp.ServiceSettings(azurite, SharedAzurite.UniquePrefix()));
        _proxy = await ResponseDroppingProxy.StartAsync(_service.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _service.DisposeAsync();
    }

    [Fact]
    public async Task A_dropped_answer_breaks_the_connection_after_the_service_stored_the_append()
    {
        var tenant = await TestTenant.RegisterAsync(_service.CreateClient());
        using var direct = tenant.Authorize(_service.CreateClient());
        using var proxied = tenant.Authorize(new HttpClient { BaseAddress = _proxy.BaseAddress });
        var logId = await direct.CreateLogAsync();

        _proxy.DropNextResponse(HttpMethod.Post, "/append");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => proxied.AppendOkAsync(logId, [1, 2, 3]));

        Assert.Equal(1, _proxy.DroppedCount);
        Assert.Equal([1L], (await direct.ReadAllAsync(logId)).Select(e => e.Sequence));
        Assert.Equal(2, await proxied.AppendOkAsync(logId, [4]));
        Assert.Equal(1, _proxy.DroppedCount);
    }
}
