using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Logs;

namespace Primatomic.Tests.Auth;

/// <summary>
/// Password hashing is bounded: a flood of logins from many addresses cannot make another tenant's appends wait,
/// and the logins beyond the hashing pool's short queue are shed with 503 and Retry-After.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class PasswordWorkBoundTests : IAsyncLifetime
{
    private const string ClientIpHeader = "X-Test-Client-IP";
    private ApiFactory _api = null!;

    public async Task InitializeAsync() => _api = await ApiFactory.CreateAsync(new Dictionary<string, string?>
    {
        ["CLIENT_IP_HEADER"] = ClientIpHeader,
        ["AUTH_RATE_LIMIT_PER_MINUTE"] = "10",
        ["AUTH_MAX_CONCURRENT_HASHES"] = "1",
    });

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_flood_of_logins_from_many_addresses_leaves_another_tenants_appends_fast_and_sheds_with_503()
    {
        using var appender = _api.CreateClient();
        appender.DefaultRequestHeaders.Add(ClientIpHeader, "10.9.0.1");
        var tenant = await TestTenant.RegisterAsync(appender);
        tenant.Authorize(appender);
        var logId = await appender.CreateLogAsync();
        using (var warm = await appender.AppendAsync(logId, [0]))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        using var flood = _api.CreateClient();
        var logins = Enumerable.Range(0, 100).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, AuthHttp.Path("/auth/login"))
            {
                Content = JsonContent.Create(new { email = $"nobody-{i}@flood.test", password = "a-wrong-password" }),
            };
            request.Headers.Add(ClientIpHeader, $"10.8.{i / 250}.{i % 250 + 1}");
            using var response = await flood.SendAsync(request);
            return (response.StatusCode, RetryAfter: response.Headers.RetryAfter is not null);
        }).ToList();

        var slowest = TimeSpan.Zero;
        var appends = 0;
        while (logins.Any(login => !login.IsCompleted) || appends < 5)
        {
            var clock = Stopwatch.StartNew();
            using var appended = await appender.AppendAsync(logId, [1]);
            Assert.Equal(HttpStatusCode.OK, appended.StatusCode);
            slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
            appends++;
        }

        var answers = await Task.WhenAll(logins);
        Assert.True(slowest < TimeSpan.FromSeconds(2), $"an append waited {slowest.TotalSeconds:F1} s during the login flood");
        Assert.All(answers, answer => Assert.True(answer.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.ServiceUnavailable,
            $"a login answered {(int)answer.StatusCode}"));
        var shed = answers.Where(answer => answer.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(shed);
        Assert.All(shed, answer => Assert.True(answer.RetryAfter, "a shed login must carry Retry-After"));
    }
}
