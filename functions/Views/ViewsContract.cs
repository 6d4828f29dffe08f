using Primatomic.Functions.Contract;
using Primatomic.Functions.Hosting;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Primatomic.Functions.Views;

/// <summary>What the published document says about each views route (docs/views.md, "HTTP API", has the same in prose).</summary>
internal static class ViewsContract
{
    private const string Hash = "9b74c9897bac770ffc029102a200c5de4b0e6a5c0a1e3c6b9f8e7d6c5b4a3f2e";
    private static readonly DateTimeOffset Deployed = new(2026, 11, 30, 13, 35, 0, 123, TimeSpan.Zero);

    private static readonly ProblemCase NoSuchLogOrView = new(Status404NotFound, ErrorCodes.NotFound,
        "The log does not exist or belongs to another tenant, or it has no view of this name.");

    private static readonly ProblemCase NoSuchLog = Logs.LogsContract.NoSuchLog;

    private static readonly ProblemCase ViewFailed = new ProblemCase(Status409Conflict, ErrorCodes.ViewFailed,
        "The view failed at an event, for good; `failed_sequence` and `error` say where and why.")
        .With("failed_sequence", 17).With("error", "apply trapped: unreachable");

    public static readonly RouteContract Deploy = new("Deploy a view",
        "Deploys (or replaces) a WebAssembly component implementing the published WIT (`GET /wit/primatomic-machine.wit`) "
        + "as the view of this name on the log. The component is compiled, instantiated and its `init` run under the "
        + "limits before anything is stored; the view then folds every event of the log, from the first.")
    {
        RawRequest = new RawContent("application/octet-stream", "The component's bytes (a WebAssembly component, at most `Views__MaxComponentBytes`, 16 MiB).",
            "<the bytes of a component, e.g. examples/views/counter built>"),
        ResponseExample = new DeployViewResponse(true, 1, Hash),
        Problems = [
            new(Status400BadRequest, ErrorCodes.ValidationError, "An invalid view name."),
            new(Status400BadRequest, ErrorCodes.InvalidView,
                "An empty or oversized body, not a component of the published WIT, or one that fails compiling, instantiating or `init` within the limits; `detail` says why."),
            NoSuchLog,
            new ProblemCase(Status409Conflict, ErrorCodes.ViewLimitReached,
                "A new view past the log's or the tenant's cap; `scope` (`log` or `tenant`) and `limit` say which.").With("scope", "log").With("limit", 20),
            new(Status429TooManyRequests, ErrorCodes.RateLimited, "The tenant already compiles a view on this instance (`Views__MaxConcurrentCompilesPerTenant`)."),
            new(Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, "Every view compiler of this instance stayed busy for `Views__CompileQueueTimeout`."),
        ],
    };

    public static readonly RouteContract List = new("List a log's views", "Every view deployed on the log, with its version and content hash.")
    {
        ResponseExample = new ViewListResponse([new ViewSummary("counter", 1, Hash, Deployed)]),
        Problems = [NoSuchLog],
    };

    public static readonly RouteContract Delete = new("Delete a view",
        "Removes the view, its replica on this instance and all its checkpoints. Other instances drop theirs within a placement round.")
    {
        ResponseExample = new DeleteViewResponse(true),
        Problems = [NoSuchLogOrView],
    };

    public static readonly RouteContract Stats = new("A view's stats",
        "The view's progress and health: its lag (`head_sequence - processed_sequence`), apply rate, leader, status and "
        + "last error. `processed_sequence` and the members after it describe the answering instance's replica.")
    {
        ResponseExample = new ViewStatsResponse("counter", "orders", "ready", "node-7f3a", "node-7f3a", 42, 1796045700, 42,
            "running", null, null, 40, 1250, 42, 0, 1, "leading"),
        Problems = [NoSuchLogOrView],
    };

    public static readonly RouteContract Query = new("Query a view",
        "Runs the view's `query` with the body as input and answers its output. With `after=N` the answer reflects every "
        + "event up to N (read-after-write: pass the sequence your append answered); without it, the replica's current state.")
    {
        RawRequest = new RawContent("application/octet-stream", "The view's input, as the view defines it; may be empty; at most 1 MiB.", "", Required: false),
        RawResponse = new RawContent("application/octet-stream", "The view's output, as the view defines it (the counter example answers JSON).", "{\"count\":42}"),
        Problems = [
            new(Status400BadRequest, ErrorCodes.ValidationError, "An invalid `after`."),
            new ProblemCase(Status400BadRequest, ErrorCodes.AfterBeyondHead, "`after` is beyond the log's head, which is in `head_sequence`.").With("head_sequence", 41),
            NoSuchLogOrView,
            ViewFailed,
            new(Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, "An input over 1 MiB."),
            new(Status422UnprocessableEntity, ErrorCodes.ViewQueryFailed,
                "The view's `query` trapped, ran out of its work budget or answered too much; only this request failed."),
            new(Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, "The view was being replaced on this instance."),
            new ProblemCase(Status503ServiceUnavailable, ErrorCodes.ViewCatchUpTimeout,
                "`after`: the view did not reach it within `Views__QueryWaitTimeout`; it is at `processed_sequence`.").With("processed_sequence", 40),
        ],
    };
}
