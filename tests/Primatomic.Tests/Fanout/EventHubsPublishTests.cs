using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Web;
using Microsoft.Extensions.DependencyInjection;
using Primatomic.Functions.Fanout;
using Primatomic.Functions.Fanout.EventHubs;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Logs;
using Primatomic.Tests.Views;

namespace Primatomic.Tests.Fanout;

/// <summary>
/// Acceptance 2, publishing: the handler configured with a SAS connection string publishes every commit to a local
/// listener, which checks the request against the documented REST shape.
/// </summary>
public sealed class EventHubsPublishTests : IAsyncLifetime
{
    private const string Namespace = "primatomic-test.servicebus.windows.net";
    private const string Hub = "primatomic-events";
    private const string KeyName = "send-only";
    private static readonly string Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private EventHubListener _listener = null!;
    private ApiFactory _api = null!;
    private HttpClient _client = null!;
    private TestTenant _tenant = null!;

    public async Task InitializeAsync()
    {
        _listener = EventHubListener.Start();
        _api = await ApiFactory.CreateAsync(new Dictionary<string, string?>
        {
            ["EventHubConnection"] = $"Endpoint=sb://{Namespace}/;SharedAccessKeyName={KeyName};SharedAccessKey={Key};EntityPath=ignored-when-named",
            ["EVENT_HUB_NAME"] = Hub,
            ["EVENT_HUB_ENDPOINT"] = _listener.BaseAddress.AbsoluteUri,
        });
        _client = _api.CreateClient();
        _tenant = await TestTenant.RegisterAsync(_client);
        _tenant.Authorize(_client);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
        await _listener.DisposeAsync();
    }

    private FanoutMetrics Metrics => _api.Services.GetRequiredService<FanoutMetrics>();

    [Fact]
    public async Task A_commit_is_posted_as_a_json_batch_to_the_hub_with_a_valid_sas_and_the_log_as_partition_key()
    {
        var logId = await _client.CreateLogAsync();
        var data = "{\"type\":\"deposit\",\"amount\":5}"u8.ToArray();
        var sequence = await _client.AppendOkAsync(logId, data);

        var request = Assert.Single(await _listener.WaitForAsync(logId, r => r.Count > 0));
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/{Hub}/messages", request.Url.AbsolutePath);
        var query = HttpUtility.ParseQueryString(request.Url.Query);
        Assert.Equal("60", query["timeout"]);
        Assert.Equal("2014-01", query["api-version"]);
        Assert.Equal("application/vnd.microsoft.servicebus.json", request.Headers["Content-Type"]);
        AssertValidSas(request.Headers["Authorization"]);

        var message = Assert.Single(request.Messages());
        Assert.Equal(logId, message.PartitionKey);
        Assert.Equal(logId, message.UserProperties.GetProperty("log_id").GetString());
        Assert.Equal(_tenant.TenantId, message.UserProperties.GetProperty("tenant_id").GetString());
        Assert.Equal(_tenant.TenantId, message.Payload.GetProperty("tenant_id").GetString());
        Assert.Equal(logId, message.Payload.GetProperty("log_id").GetString());
        var (publishedSequence, publishedData) = Assert.Single(request.Events());
        Assert.Equal(sequence, publishedSequence);
        Assert.Equal(data, publishedData);
    }

    [Fact]
    public async Task Commits_that_pile_up_while_a_publish_is_in_flight_go_out_as_one_batch_per_log()
    {
        var (first, second) = (await _client.CreateLogAsync(), await _client.CreateLogAsync());
        _listener.Hold();
        await _client.AppendOkAsync(first, "{\"n\":0}"u8.ToArray());
        await _listener.WaitForAsync(first, r => r.Count == 1);

        // The sender is stuck on the first request; these commits are acknowledged and queue up meanwhile.
        await Task.WhenAll(Enumerable.Range(1, 5).Select(i => _client.AppendOkAsync(first, Encoding.UTF8.GetBytes($"{{\"n\":{i}}}")))
            .Concat(Enumerable.Range(1, 3).Select(i => _client.AppendOkAsync(second, Encoding.UTF8.GetBytes($"{{\"m\":{i}}}")))));
        _listener.Release();

        var firstRequests = await _listener.WaitForAsync(first, r => r.Sum(x => x.Events().Count) == 6);
        var secondRequests = await _listener.WaitForAsync(second, r => r.Sum(x => x.Events().Count) == 3);
        Assert.Equal(2, firstRequests.Count);
        Assert.Equal([2L, 3, 4, 5, 6], firstRequests[1].Events().Select(e => e.Sequence).Order());
        var batch = Assert.Single(secondRequests);
        Assert.Equal([1L, 2, 3], batch.Events().Select(e => e.Sequence).Order());
        foreach (var request in firstRequests.Concat(secondRequests))
        {
            Assert.All(request.Messages(), m =>
            {
                Assert.Equal(request.PartitionKeyHeader, m.PartitionKey);
                Assert.Equal(request.PartitionKeyHeader, m.Payload.GetProperty("log_id").GetString());
            });
        }
    }

    [Fact]
    public async Task Events_beyond_one_megabyte_are_split_and_an_event_too_large_to_publish_goes_as_a_reference()
    {
        var logId = await _client.CreateLogAsync();
        var big = Enumerable.Range(1, 3).Select(i => RandomNumberGenerator.GetBytes(300 * 1024)).ToList();
        using (var response = await _client.AppendBatchAsync(logId, big))
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        var requests = await _listener.WaitForAsync(logId, r => r.Sum(x => x.Events().Count) == 3);
        Assert.True(requests.Count >= 2, $"900 KB of events (1.2 MB as base64) went out in {requests.Count} request(s)");
        Assert.All(requests, r => Assert.True(r.Body.Length <= Publication.MaxBytes, $"a publication of {r.Body.Length} bytes"));
        var events = requests.SelectMany(r => r.Events()).ToList();
        Assert.Equal([1L, 2, 3], events.Select(e => e.Sequence));
        Assert.All(events, e => Assert.Equal(big[(int)e.Sequence - 1], e.Data));

        var huge = RandomNumberGenerator.GetBytes(1024 * 1024);
        var sequence = await _client.AppendOkAsync(logId, huge);
        var referenced = await _listener.WaitForAsync(logId, r => r.Any(x => x.Events().Any(e => e.Sequence == sequence)));
        var reference = referenced.Single(x => x.Events().Any(e => e.Sequence == sequence));
        Assert.True(reference.Body.Length < 4096, "a reference carries no event bytes");
        Assert.Equal((sequence, (byte[]?)null), Assert.Single(reference.Events()));
        Assert.Equal(_tenant.TenantId, Assert.Single(reference.Messages()).Payload.GetProperty("tenant_id").GetString());
        Assert.True(Metrics.References >= 1);
    }

    [Fact]
    public async Task A_failing_hub_never_fails_the_append_and_the_view_still_reaches_the_event()
    {
        var logId = await _client.CreateLogAsync();
        await _client.DeployOkAsync(logId, "counter", WatFixtures.Binary("counter"));
        await _client.WaitForLeaderAsync(logId, "counter");
        _listener.Status = HttpStatusCode.InternalServerError;
        var failedBefore = Metrics.Failed;

        var sequence = await _client.AppendOkAsync(logId, "{\"n\":1}"u8.ToArray());

        var attempts = await _listener.WaitForAsync(logId, r => r.Count == 1 + EventHubsClient.MaxRetries);
        Assert.All(attempts, a => Assert.Equal(attempts[0].Body, a.Body));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Metrics.Failed == failedBefore && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25);
        }

        Assert.Equal(failedBefore + 1, Metrics.Failed);
        Assert.True(Metrics.Retried >= EventHubsClient.MaxRetries);
        Assert.Equal("{\"count\":1}", await _client.QueryTextAsync(logId, "counter", after: sequence));
    }

    /// <summary>Recomputes the signature with the key: sr is the hub's URI, skn the key's name, se in about an hour.</summary>
    private static void AssertValidSas(string header)
    {
        Assert.StartsWith("SharedAccessSignature ", header, StringComparison.Ordinal);
        var fields = header["SharedAccessSignature ".Length..].Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(["se", "sig", "skn", "sr"], fields.Keys.Order());
        Assert.Equal($"https://{Namespace}/{Hub}", HttpUtility.UrlDecode(fields["sr"]));
        Assert.Equal(KeyName, HttpUtility.UrlDecode(fields["skn"]));
        var expiry = DateTimeOffset.FromUnixTimeSeconds(long.Parse(fields["se"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(expiry, DateTimeOffset.UtcNow.AddMinutes(50), DateTimeOffset.UtcNow.AddMinutes(61));
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.UTF8.GetBytes(fields["sr"] + "\n" + fields["se"])));
        Assert.Equal(expected, HttpUtility.UrlDecode(fields["sig"]));
    }
}
