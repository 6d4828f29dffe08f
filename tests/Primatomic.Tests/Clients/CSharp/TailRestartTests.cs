using System.Text;
using Primatomic.Client;

namespace Primatomic.Tests.Clients.CSharp;

/// <summary>
/// A tail keeps going through a service restart (its own service: the restart would disturb other tests) and yields
/// every event exactly once, in order: the ones appended before the restart and the ones after.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class TailRestartTests(ClientService service) : IClassFixture<ClientService>
{
    [Fact]
    public async Task A_tail_resumes_without_loss_or_duplicates_after_the_service_restarts()
    {
        // Short retry delays: the test waits for the restart, not for backoff after it (the default caps at 10 s).
        using var client = service.KeyClient(options => options.MaxRetryDelay = TimeSpan.FromMilliseconds(500));
        var logId = await client.Logs.CreateAsync(ClientService.UniqueName("tail"));
        for (var i = 1; i <= 3; i++)
        {
            await client.Logs.AppendAsync(logId, Encoding.UTF8.GetBytes($"before-{i}"));
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var received = new List<Event>();
        var threeSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tail = Task.Run(async () =>
        {
            await foreach (var item in client.Logs.TailAsync(logId, wait: TimeSpan.FromSeconds(5), cancellationToken: stop.Token))
            {
                lock (received)
                {
                    received.Add(item);
                }

                if (item.Sequence == 3)
                {
                    threeSeen.SetResult();
                }

                if (item.Sequence == 6)
                {
                    return;
                }
            }
        });

        await threeSeen.Task.WaitAsync(stop.Token);
        await service.Service.RestartAsync(); // the tail's open long-poll dies with the old process
        for (var i = 1; i <= 3; i++)
        {
            await client.Logs.AppendAsync(logId, Encoding.UTF8.GetBytes($"after-{i}"));
        }

        await tail.WaitAsync(stop.Token);
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], received.Select(e => e.Sequence));
        Assert.Equal(["before-1", "before-2", "before-3", "after-1", "after-2", "after-3"], received.Select(e => Encoding.UTF8.GetString(e.Data)));
    }
}
