using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Primatomic.Functions.Logs.Waiting;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Logs;

/// <summary>
/// An instance that starts to stop (scale-in, a deploy, a restart) answers its open long-polls at once with what it
/// has, so callers poll again elsewhere and the stop is not held for the rest of their wait.
/// </summary>
public sealed class LongPollShutdownTests : TenantApiTests
{
    [Fact]
    public async Task Open_long_polls_answer_at_once_with_an_empty_page_when_the_instance_starts_to_stop()
    {
        var logId = await Client.CreateLogAsync();
        var watchers = Api.Services.GetRequiredService<HeadWatchers>();
        var held = Client.GetAsync(LogsHttp.Path($"/logs/{logId}/events?wait=30"));
        await LongPollTests.WaitUntilAsync(() => watchers.OpenWaits == 1, TimeSpan.FromSeconds(10));

        Api.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        // Well inside the 30 s the poll asked for: only the stop can have ended it.
        using var response = await held.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(0, page.RootElement.GetProperty("events").GetArrayLength());
        Assert.Equal(0, page.RootElement.GetProperty("next_after").GetInt64());
    }
}
