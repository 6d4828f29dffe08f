using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Logs;

/// <summary>
/// Every route of the app, enumerated from its endpoint data source, refuses a query parameter it does not define with
/// 400 VALIDATION_ERROR naming it, instead of ignoring it.
/// </summary>
public sealed partial class UnknownQueryParameterTests : TenantApiTests
{
    [Fact]
    public async Task Every_route_answers_an_unknown_query_parameter_with_400_naming_it()
    {
        var logId = await Client.CreateLogAsync();
        var routes = Api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m, e.RoutePattern.RawText!)))
            .ToList();
        Assert.True(routes.Count >= 20, $"only {routes.Count} routes found");
        foreach (var (method, pattern) in routes)
        {
            var path = RouteParameter().Replace(pattern, match => match.Groups[1].Value == "log_id" ? logId : "x1");
            using var request = new HttpRequestMessage(new HttpMethod(method), LogsHttp.Path($"{(path.StartsWith('/') ? "" : "/")}{path}?zz_unknown=1"));
            using var response = await Client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {pattern}: {(int)response.StatusCode} {body}");
            await response.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
            Assert.Equal("zz_unknown", (await response.ReadJsonAsync()).GetProperty("parameter").GetString());
        }
    }

    [Theory]
    [InlineData("before=10", "before")]
    [InlineData("direction=backward", "direction")]
    [InlineData("after=0&limit=5&Before=1", "Before")]
    public async Task Reading_events_with_an_undefined_parameter_is_400_not_a_forward_page(string query, string named)
    {
        var logId = await Client.CreateLogAsync();
        await Client.AppendOkAsync(logId, [1]);
        using var response = await Client.GetAsync(LogsHttp.Path($"/logs/{logId}/events?{query}"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(named, (await response.ReadJsonAsync()).GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Defined_parameters_in_any_case_still_work()
    {
        var logId = await Client.CreateLogAsync();
        await Client.AppendOkAsync(logId, [1]);
        using var response = await Client.GetAsync(LogsHttp.Path($"/logs/{logId}/events?After=0&limit=5&wait=0"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [GeneratedRegex(@"\{([a-z_]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
