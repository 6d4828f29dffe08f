using System.Net;
using System.Text;
using System.Text.Json;
using Primatomic.Testing;
using Primatomic.Tests.Auth;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Packaging;

/// <summary>
/// The executable from <c>scripts/package</c> (not the dev build), started as the Functions host starts it, against the
/// shared Azurite with storage names of its own: what a Flex Consumption instance runs.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class PackagedAppTests : IAsyncLifetime
{
    // Flex Consumption stops an app that is not ready within this time.
    private static readonly TimeSpan HostStartupLimit = TimeSpan.FromSeconds(30);

    private ServiceProcess _handler = null!;

    public async Task InitializeAsync()
    {
        await PackagedApp.EnsureBuiltAsync();
        var azurite = await SharedAzurite.GetAsync();
        _handler = await ServiceProcess.StartAsHostAsync(PackagedApp.Executable, PackagedApp.Folder, ApiFactory.DefaultSettings(azurite, SharedAzurite.UniquePrefix()));
    }

    public async Task DisposeAsync() => await _handler.DisposeAsync();

    [Fact]
    public async Task Packaged_handler_answers_the_host_readiness_probe_well_within_the_flex_start_up_limit()
    {
        Assert.True(_handler.TimeToReady < HostStartupLimit,
            $"ready after {_handler.TimeToReady.TotalSeconds:F1} s; Flex stops an app not ready within 30 s");
        using var client = _handler.CreateClient();
        using var probe = await client.GetAsync(AuthHttp.Path("/"));
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
    }

    [Fact]
    public async Task Packaged_handler_rejects_an_anonymous_request_then_registers_and_logs_in_against_storage()
    {
        using var client = _handler.CreateClient();
        using var anonymous = await client.GetAsync(AuthHttp.Path("/logs"));
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");

        var email = $"packaged-{Guid.NewGuid():N}@example.test";
        using var registered = await client.PostJsonAsync("/auth/register", new { email, password = "correct horse battery" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var token = await AuthHttp.LoginAsync(client, email, "correct horse battery");

        using var logs = await client.SendWithTokenAsync(HttpMethod.Get, "/logs", token);
        Assert.Equal(HttpStatusCode.OK, logs.StatusCode);
    }

    [Fact]
    public async Task Packaged_handler_answers_a_ViewSweeper_timer_invocation_in_the_host_shape()
    {
        using var client = _handler.CreateClient();
        using var invocation = new HttpRequestMessage(HttpMethod.Post, AuthHttp.Path("/ViewSweeper"))
        {
            Content = new StringContent(
                """{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}},"Metadata":{}}""",
                Encoding.UTF8, "application/json"),
        };
        invocation.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        invocation.Headers.TryAddWithoutValidation("User-Agent", "Azure-Functions-Host/4.1043.200.1");

        using var response = await client.SendAsync(invocation);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200 but got {(int)response.StatusCode}: {body}");
        using var result = JsonDocument.Parse(body);
        Assert.Equal(JsonValueKind.Object, result.RootElement.GetProperty("Outputs").ValueKind);
    }
}
