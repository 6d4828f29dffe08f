using System.Text.Json;
using Primatomic.Functions.Views;
using Primatomic.Functions.Views.Placement;

namespace Primatomic.Functions.Fanout.Invocations;

/// <summary>
/// The <c>ViewSweeper</c> function (timer): the safety net under the fan-out. One forced round of <see cref="ViewHost"/>:
/// every catalogue partition this instance leads is looked at (new, redeployed and deleted views), and every led
/// replica runs one pass now (apply what it was given, write a due checkpoint). The replicas' own loops run the pass,
/// so nothing races them.
/// </summary>
public static partial class ViewSweeperFunction
{
    public const string Name = "ViewSweeper";

    public static async Task<IResult> InvokeAsync(HttpContext http, ViewHost host, ViewReplicas replicas, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var invocationId = HostInvocation.Check(http);
        var logger = loggers.CreateLogger(typeof(ViewSweeperFunction));
        var pastDue = false;
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: cancellationToken);
            pastDue = document.RootElement.TryGetProperty("Data", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("timer", out var timer) && timer.ValueKind == JsonValueKind.Object
                && timer.TryGetProperty("IsPastDue", out var due) && due.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            // The timer's payload is informational only; an odd one must not stop the sweep.
        }

        var logs = new List<string>();
        try
        {
            await host.TickAsync(force: true, cancellationToken);
        }
#pragma warning disable CA1031 // Storage being down must not fail the timer; the led views retry on their own.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogSyncFailed(logger, ex, invocationId);
            logs.Add("ViewSweeper: looking at the catalogue failed; the views already led go on");
        }

        var leading = replicas.All.Count(r => r.IsLeader);
        var summary = $"ViewSweeper: swept the {leading} views led here{(pastDue ? " (past due)" : "")}";
        LogSwept(logger, invocationId, summary);
        return HostInvocation.Completed([.. logs, summary]);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invocation {InvocationId}: looking at view deployments failed")]
    private static partial void LogSyncFailed(ILogger logger, Exception exception, string invocationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Invocation {InvocationId}: {Summary}")]
    private static partial void LogSwept(ILogger logger, string invocationId, string summary);
}
