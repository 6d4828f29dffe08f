using System.Net;
using Primatomic.Testing;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Logs;

/// <summary>
/// Creating logs while storage loses 30% of its answers after the write landed: the caller who created a log gets its
/// 201 and id (directly, or by retrying a 503 with the same Idempotency-Key), and every log exists exactly once.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class LogCreateFaultTests : TenantApiTests
{
    private const int Creates = 60;
    private StorageFaultProxy _proxy = null!;

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["AzureWebJobsStorage"] = _proxy.ConnectionString,
    };

    public override async Task InitializeAsync()
    {
        _proxy = await StorageFaultProxy.StartAsync(await SharedAzurite.GetAsync(), seed: 9);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _proxy.DisposeAsync();
    }

    [Fact]
    public async Task Creates_whose_answers_storage_lost_answer_201_with_the_log_they_made()
    {
        _proxy.Applies = StorageFaultProxy.IsWrite;
        _proxy.LoseAnswerProbability = 0.3;
        var names = Enumerable.Range(0, Creates).Select(i => $"lost-{i:D2}").ToList();
        var answered = new Dictionary<string, string>();
        using var gate = new SemaphoreSlim(6);
        var results = await Task.WhenAll(names.Select(async name =>
        {
            await gate.WaitAsync();
            try
            {
                return (name, await CreateWithRetriesAsync(name));
            }
            finally
            {
                gate.Release();
            }
        }));
        foreach (var (name, logId) in results)
        {
            answered[name] = logId;
        }

        Assert.True(_proxy.LostAnswers > 0);
        _proxy.LoseAnswerProbability = 0;
        var listed = await ListAllAsync();
        foreach (var name in names)
        {
            var log = Assert.Single(listed, l => l.Name == name);
            Assert.Equal(answered[name], log.LogId);
        }
    }

    /// <summary>POST with an Idempotency-Key; a 503 is retried with the same key, anything else but 201 fails the test.</summary>
    private async Task<string> CreateWithRetriesAsync(string name)
    {
        var key = "create-" + name;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, LogsHttp.Path($"/logs/{name}"));
            request.Headers.Add("Idempotency-Key", key);
            using var response = await Client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.Created)
            {
                return (await response.ReadJsonAsync()).GetProperty("log_id").GetString()!;
            }

            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{name}: {(int)response.StatusCode} {body}");
            Assert.NotNull(response.Headers.RetryAfter);
        }

        Assert.Fail($"{name}: still 503 after 10 tries");
        return "";
    }

    private async Task<List<(string Name, string LogId)>> ListAllAsync()
    {
        var all = new List<(string, string)>();
        var list = await (await Client.GetAsync(LogsHttp.Path("/logs"))).ReadJsonAsync();
        foreach (var log in list.GetProperty("logs").EnumerateArray())
        {
            all.Add((log.GetProperty("name").GetString()!, log.GetProperty("log_id").GetString()!));
        }

        return all;
    }
}
