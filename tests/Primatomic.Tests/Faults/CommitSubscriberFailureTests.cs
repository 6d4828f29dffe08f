using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Primatomic.Functions.Logs.Storage;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Faults;

/// <summary>The commit path is sealed: a subscriber that fails after a commit landed cannot turn it into an error.</summary>
public sealed class CommitSubscriberFailureTests : TenantApiTests
{
    [Fact]
    public async Task An_append_whose_commit_landed_answers_200_even_though_a_commit_subscriber_threw()
    {
        using var created = await Client.PostAsync(new Uri("/logs/sealed-" + Guid.NewGuid().ToString("N")[..8], UriKind.Relative), null);
        var logId = (await created.ReadJsonAsync()).GetProperty("log_id").GetString()!;
        Api.Services.GetRequiredService<CommitSignals>().Subscribe((committedLog, _) =>
        {
            if (committedLog == logId)
            {
                throw new InvalidOperationException("a subscriber's bug");
            }
        });

        for (var i = 1; i <= 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/logs/{logId}/append", UriKind.Relative))
            {
                Content = new ByteArrayContent(Encoding.UTF8.GetBytes($"event-{i}")) { Headers = { ContentType = new("application/octet-stream") } },
            };
            using var response = await Client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            Assert.Equal(i, (await response.ReadJsonAsync()).GetProperty("sequence").GetInt64());
        }

        using var events = await Client.GetAsync(new Uri($"/logs/{logId}/events?after=0", UriKind.Relative));
        Assert.Equal(3, (await events.ReadJsonAsync()).GetProperty("events").GetArrayLength());
    }
}
