using Primatomic.Testing;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Logs;

/// <summary>
/// Acceptance 3: acknowledged appends survive a service restart and a graceful Azurite restart, and idempotent
/// retries afterwards answer their original sequences without storing anything new.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class RestartDurabilityTests : IAsyncLifetime
{
    private AzuriteProcess _azurite = null!;
    private ServiceProcess _service = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync();
        _service = await ServiceProcess.StartAsync(LogsHttp.ServiceSettings(_azurite, SharedAzurite.UniquePrefix()));
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task Acknowledged_appends_survive_restarts_and_idempotent_retries_keep_their_sequences()
    {
        var tenant = await TestTenant.RegisterAsync(_service.CreateClient());
        string logId;
        var acked = new List<(long Sequence, byte[] Data, string? Key)>();
        using (var client = tenant.Authorize(_service.CreateClient()))
        {
            logId = await client.CreateLogAsync();
            for (var i = 0; i < 20; i++)
            {
                var data = BitConverter.GetBytes(i * 7919);
                var key = i % 2 == 0 ? $"retry-{i}" : null;
                acked.Add((await client.AppendOkAsync(logId, data, key), data, key));
            }
        }

        await _service.StopAsync();
        await _azurite.RestartAsync();
        await _service.RestartAsync();

        using var after = tenant.Authorize(_service.CreateClient());
        var stored = await after.ReadAllAsync(logId);
        Assert.Equal(acked.Select(a => a.Sequence), stored.Select(e => e.Sequence));
        Assert.Equal(acked.Select(a => a.Data), stored.Select(e => e.Data));

        foreach (var (sequence, data, key) in acked.Where(a => a.Key is not null))
        {
            Assert.Equal(sequence, await after.AppendOkAsync(logId, data, key));
        }

        Assert.Equal(acked.Count, (await after.ReadAllAsync(logId)).Count);
        Assert.Equal(acked.Count + 1, await after.AppendOkAsync(logId, [1]));
    }
}
