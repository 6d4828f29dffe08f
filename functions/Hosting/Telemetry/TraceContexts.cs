using System.Diagnostics;

namespace Primatomic.Functions.Hosting.Telemetry;

/// <summary>
/// W3C trace contexts as they travel with a commit: from the append's request to its commit, through the fan-out
/// (in process, or as <c>traceparent</c> strings inside an Event Hubs message) to the view applies that link to them.
/// </summary>
public static class TraceContexts
{
    /// <summary>At most this many contexts ride along one delivery or message, whatever was merged into it.</summary>
    public const int MaxLinks = 8;

    /// <summary>One context as a list; empty for none (no allocation), which is the case whenever nobody traces.</summary>
    public static IReadOnlyList<ActivityContext> One(ActivityContext context) => IsSet(context) ? [context] : [];

    public static bool IsSet(ActivityContext context) => context.TraceId != default;

    /// <summary>The distinct set contexts of <paramref name="contexts"/>, at most <see cref="MaxLinks"/>.</summary>
    public static IReadOnlyList<ActivityContext> Merge(IEnumerable<ActivityContext> contexts)
    {
        List<ActivityContext>? merged = null;
        foreach (var context in contexts)
        {
            if (IsSet(context) && (merged is null || !merged.Contains(context)))
            {
                (merged ??= []).Add(context);
                if (merged.Count == MaxLinks)
                {
                    break;
                }
            }
        }

        return merged is null ? [] : merged;
    }

    /// <summary>Links to the contexts, for a span that stands for work done on behalf of several traces.</summary>
    public static IEnumerable<ActivityLink>? Links(IReadOnlyList<ActivityContext> contexts) =>
        contexts.Count == 0 ? null : contexts.Select(context => new ActivityLink(context));

    /// <summary>
    /// Starts a span for work done on behalf of commits: one context is continued (the span joins that trace, so
    /// the request's trace shows it); several are linked from a span of its own. Null when nobody samples.
    /// </summary>
    public static Activity? StartOnBehalfOf(ActivitySource source, string name, ActivityKind kind, IReadOnlyList<ActivityContext> contexts) =>
        source.HasListeners()
            ? source.StartActivity(name, kind, contexts.Count == 1 ? contexts[0] : default, links: contexts.Count > 1 ? Links(contexts) : null)
            : null;

    /// <summary>The W3C <c>traceparent</c> form: <c>00-&lt;trace id&gt;-&lt;span id&gt;-&lt;flags&gt;</c>.</summary>
    public static string ToTraceparent(ActivityContext context) =>
        $"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-{(context.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? "01" : "00")}";

    /// <summary>A received <c>traceparent</c>; false for anything else (telemetry never rejects a message).</summary>
    public static bool TryParse(string? traceparent, out ActivityContext context) =>
        ActivityContext.TryParse(traceparent, null, isRemote: true, out context);
}
