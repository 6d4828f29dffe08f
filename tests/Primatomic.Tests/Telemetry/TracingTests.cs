using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Primatomic.Functions.Logs.Storage;
using Primatomic.Functions.Views;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Logs;

namespace Primatomic.Tests.Telemetry;

/// <summary>Traces from request to commit to view apply, and the trace id a problem response gives the caller.</summary>
[Collection(TelemetryTestGroup.Name)]
public sealed class TracingTests(TelemetryHost host)
{
    [Fact]
    public async Task Append_produces_a_request_span_and_a_commit_span_in_the_same_trace()
    {
        var logId = await host.Client.CreateLogAsync();
        var (traceId, traceparent) = NewTraceparent();

        using var response = await AppendAsync(logId, traceparent);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var spans = await host.SpansOfAsync(traceId, s => s.Any(IsRequest) && s.Any(IsCommit), "the request and commit spans");
        var request = spans.Single(IsRequest);
        var commit = spans.Single(IsCommit);
        Assert.Equal(request.SpanId, commit.ParentSpanId);
        Assert.Equal(logId, commit.GetTagItem("primatomic.log.id"));
        Assert.Equal(1, commit.GetTagItem("primatomic.commit.events"));
        Assert.Equal("committed", commit.GetTagItem("primatomic.commit.outcome"));
        Assert.Equal(1L, commit.GetTagItem("primatomic.sequence.first"));
        Assert.Equal(1L, commit.GetTagItem("primatomic.sequence.last"));
        Assert.Equal(1, commit.GetTagItem("primatomic.commit.attempts"));
        Assert.Equal(0, commit.GetTagItem("primatomic.commit.conflicts"));
    }

    [Fact]
    public async Task A_view_applies_the_append_in_a_span_that_continues_its_trace()
    {
        var (traceId, traceparent) = NewTraceparent();

        using var response = await AppendAsync(host.ViewLogId, traceparent);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sequence = (await response.ReadJsonAsync()).GetProperty("sequence").GetInt64();

        var spans = await host.SpansOfAsync(traceId, s => s.Any(IsCommit) && s.Any(IsApply), "the commit and view apply spans");
        var commit = spans.Single(IsCommit);
        var apply = spans.Single(IsApply);
        Assert.Equal(commit.SpanId, apply.ParentSpanId);
        Assert.Equal(TelemetryHost.ViewName, apply.GetTagItem("primatomic.view.name"));
        Assert.Equal(host.ViewLogId, apply.GetTagItem("primatomic.log.id"));
        Assert.Equal(sequence, apply.GetTagItem("primatomic.sequence.first"));
        Assert.Equal(sequence, apply.GetTagItem("primatomic.sequence.last"));
        Assert.Equal("delivery", apply.GetTagItem("primatomic.apply.source"));
    }

    [Fact]
    public async Task A_problem_carries_the_w3c_trace_id_of_its_request_span()
    {
        using var response = await host.Client.GetAsync(LogsHttp.Path($"/logs/{Guid.NewGuid()}"));
        var problem = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var traceId = problem.GetProperty("trace_id").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        await host.SpansOfAsync(ActivityTraceId.CreateFromString(traceId), s => s.Any(IsRequest), "the request span of the problem's trace_id");
    }

    [Fact]
    public async Task A_problem_continues_the_callers_traceparent_and_stays_w3c_under_a_legacy_request_id()
    {
        var (traceId, traceparent) = NewTraceparent();
        using var traced = new HttpRequestMessage(HttpMethod.Get, LogsHttp.Path($"/logs/{Guid.NewGuid()}"));
        traced.Headers.Add("traceparent", traceparent);
        using var legacy = new HttpRequestMessage(HttpMethod.Get, LogsHttp.Path($"/logs/{Guid.NewGuid()}"));
        legacy.Headers.Add("Request-Id", "|abc123.1.");

        using var tracedResponse = await host.Client.SendAsync(traced);
        using var legacyResponse = await host.Client.SendAsync(legacy);

        Assert.Equal(traceId.ToHexString(), (await tracedResponse.ReadJsonAsync()).GetProperty("trace_id").GetString());
        Assert.Matches("^[0-9a-f]{32}$", (await legacyResponse.ReadJsonAsync()).GetProperty("trace_id").GetString()!);
    }

    internal static (ActivityTraceId TraceId, string Traceparent) NewTraceparent()
    {
        var traceId = ActivityTraceId.CreateRandom();
        return (traceId, $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
    }

    private Task<HttpResponseMessage> AppendAsync(string logId, string traceparent)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, LogsHttp.Path($"/logs/{logId}/append"))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"n\":1}")),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Headers.Add("traceparent", traceparent);
        return host.Client.SendAsync(request);
    }

    private static bool IsRequest(Activity span) => span.Kind == ActivityKind.Server && span.Source.Name == "Microsoft.AspNetCore";

    private static bool IsCommit(Activity span) => span.Source.Name == LogTelemetry.SourceName && span.DisplayName == LogTelemetry.CommitSpanName;

    private static bool IsApply(Activity span) => span.Source.Name == ViewTelemetry.SourceName && span.DisplayName == ViewTelemetry.ApplySpanName;
}
