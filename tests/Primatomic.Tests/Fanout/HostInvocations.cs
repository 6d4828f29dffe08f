using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Primatomic.Functions.Fanout;

namespace Primatomic.Tests.Fanout;

/// <summary>Invocation payloads in the shapes the Functions host sends (see shared AZURE.md), and posting them.</summary>
internal static class HostInvocations
{
    /// <summary>How <c>Data.events</c> arrives, depending on dataType and the host's (double) encoding.</summary>
    public enum BodyEncoding
    {
        /// <summary>dataType binary, double-encoded: a JSON string holding an array of base64 strings.</summary>
        BinaryInString,

        /// <summary>dataType binary: an array of base64 strings.</summary>
        BinaryArray,

        /// <summary>dataType string: an array of the bodies' UTF-8 text.</summary>
        StringArray,

        /// <summary>No dataType: the host parsed each JSON body, inside a string-wrapped array.</summary>
        ParsedJsonInString,
    }

    public static FanoutMessage Message(string logId, params (long Sequence, byte[]? Data)[] events) =>
        new("tenant-of-test", logId, [.. events.Select(e => new FanoutEvent(e.Sequence, e.Data, DateTimeOffset.UtcNow))]);

    public static (long, byte[]?) Event(long sequence) => (sequence, System.Text.Encoding.UTF8.GetBytes($"{{\"n\":{sequence}}}"));

    public static string EventHub(BodyEncoding encoding, params FanoutMessage[] messages) => EventHub(encoding, messages.Select(m => m.ToJson()));

    public static string EventHub(BodyEncoding encoding, IEnumerable<byte[]> bodies)
    {
        var items = bodies.Select(body => encoding switch
        {
            BodyEncoding.StringArray => (JsonNode)System.Text.Encoding.UTF8.GetString(body),
            BodyEncoding.ParsedJsonInString => JsonNode.Parse(body)!,
            _ => (JsonNode)Convert.ToBase64String(body),
        }).ToArray();
        var array = new JsonArray(items);
        JsonNode events = encoding is BodyEncoding.BinaryInString or BodyEncoding.ParsedJsonInString ? array.ToJsonString() : array;
        var metadata = new JsonObject
        {
            ["PartitionContext"] = new JsonObject { ["EventHubName"] = "primatomic", ["ConsumerGroup"] = "views", ["PartitionId"] = "3" }.ToJsonString(),
            ["SequenceNumberArray"] = "[1,2]",
            ["EnqueuedTimeUtcArray"] = "[\"2026-11-23T14:00:00.123\"]",
        };
        return new JsonObject { ["Data"] = new JsonObject { ["events"] = events }, ["Metadata"] = metadata }.ToJsonString();
    }

    public static string Timer(bool pastDue = false) => new JsonObject
    {
        ["Data"] = new JsonObject
        {
            ["timer"] = new JsonObject
            {
                ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
                ["ScheduleStatus"] = null,
                ["IsPastDue"] = pastDue,
            },
        },
        ["Metadata"] = new JsonObject(),
    }.ToJsonString();

    /// <summary>POSTs as the host does (invocation id and host user agent) and returns the status and body.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> InvokeAsync(HttpClient client, string function, string payload, bool asHost = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/" + function, UriKind.Relative))
        {
            Content = new StringContent(payload, System.Text.Encoding.UTF8, "application/json"),
        };
        if (asHost)
        {
            request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
            request.Headers.UserAgent.ParseAdd("Azure-Functions-Host/4.0");
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Asserts the 200 answer the host needs to complete an invocation.</summary>
    public static JsonElement AssertCompleted((HttpStatusCode Status, string Body) answer)
    {
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
        var body = JsonDocument.Parse(answer.Body).RootElement;
        Assert.Equal(JsonValueKind.Object, body.GetProperty("Outputs").ValueKind);
        Assert.Equal(JsonValueKind.Array, body.GetProperty("Logs").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("ReturnValue").ValueKind);
        return body;
    }

    public static string Utf8(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes);
}
