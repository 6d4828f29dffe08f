using System.Net;
using System.Net.Http.Json;
using System.Text;
using OpenTelemetry.Metrics;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Logs;
using Primatomic.Tests.Views;

namespace Primatomic.Tests.Telemetry;

/// <summary>The main instruments after an append, a query and a rate-limit rejection: names, units, kinds and tags.</summary>
[Collection(TelemetryTestGroup.Name)]
public sealed class MetricsTests(TelemetryHost host)
{
    [Fact]
    public async Task Append_query_and_rate_limit_rejection_are_measured_with_bounded_tags()
    {
        var sequence = await host.Client.AppendOkAsync(host.ViewLogId, Encoding.UTF8.GetBytes("{\"n\":2}"));
        await host.Client.QueryTextAsync(host.ViewLogId, TelemetryHost.ViewName, after: sequence);
        await RejectedLoginAsync();

        var metrics = host.CollectMetrics();

        AssertPoint(metrics, "primatomic.logs.appends", "{request}", MetricType.LongSum, ("primatomic.append.outcome", "appended"));
        AssertPoint(metrics, "primatomic.logs.events_written", "{event}", MetricType.LongSum);
        AssertPoint(metrics, "primatomic.logs.commit.duration", "s", MetricType.Histogram, ("primatomic.commit.outcome", "committed"));
        AssertPoint(metrics, "primatomic.logs.commit.events", "{event}", MetricType.Histogram);
        AssertPoint(metrics, "primatomic.views.events_applied", "{event}", MetricType.LongSum);
        AssertPoint(metrics, "primatomic.views.query.duration", "s", MetricType.Histogram, ("primatomic.query.outcome", "ok"));
        AssertPoint(metrics, "primatomic.views.lag", "{event}", MetricType.LongGauge, ("primatomic.view.role", "leading"));
        AssertPoint(metrics, "primatomic.views.replicas", "{replica}", MetricType.LongGauge, ("primatomic.view.role", "leading"), ("primatomic.view.state", "running"));
        AssertPoint(metrics, "primatomic.http.rate_limited", "{request}", MetricType.LongSum, ("primatomic.rate_limit", "credentials"));

        // No series may be per tenant, log or view: those grow without bound.
        string[] unbounded = [host.Owner.TenantId, host.ViewLogId, TelemetryHost.ViewName];
        foreach (var metric in metrics.Where(m => m.Name.StartsWith("primatomic.", StringComparison.Ordinal)))
        {
            foreach (var point in metric.MetricPoints)
            {
                foreach (var tag in point.Tags)
                {
                    Assert.DoesNotContain(tag.Value?.ToString(), unbounded);
                }
            }
        }
    }

    private async Task RejectedLoginAsync()
    {
        // Wrong passwords, until the credential bucket (4 a minute, half used by the fixture) answers 429.
        for (var attempt = 0; attempt < 10; attempt++)
        {
            using var login = await host.Client.PostAsJsonAsync(LogsHttp.Path("/auth/login"), new { email = host.Owner.Email, password = "wrong-password" });
            if (login.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return;
            }
        }

        Assert.Fail("the credential rate limit never answered 429");
    }

    private static void AssertPoint(List<MetricSnapshot> metrics, string name, string unit, MetricType type, params (string Key, string Value)[] tags)
    {
        var metric = metrics.FirstOrDefault(m => m.Name == name);
        Assert.True(metric is not null, $"no metric {name}; have {string.Join(", ", metrics.Select(m => m.Name).Where(n => n.StartsWith("primatomic.", StringComparison.Ordinal)))}");
        Assert.Equal(unit, metric.Unit);
        Assert.Equal(type, metric.MetricType);
        Assert.Contains(metric.MetricPoints, point => tags.All(tag =>
        {
            foreach (var pair in point.Tags)
            {
                if (pair.Key == tag.Key && Equals(pair.Value, tag.Value))
                {
                    return true;
                }
            }

            return false;
        }));
    }
}
