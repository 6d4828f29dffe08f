using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Logs;

/// <summary>The query parameters of the log routes, declared once for the unknown-parameter check and the contract.</summary>
internal static class LogsQuery
{
    public static readonly QueryParameter Limit = QueryParameter.WholeNumber("limit", "At most this many logs (default 100, 1–1000).", 100);

    public static readonly QueryParameter Continuation = QueryParameter.Text("continuation",
        "The opaque token from the previous page (also in its Link header); absent for the first page.", "MTpvcmRlcnM");

    public static readonly QueryParameter Name = QueryParameter.Text("name",
        "Look a log up by its name instead of listing: the answer holds that log or none. Takes neither limit nor continuation.", "orders");

    public static readonly QueryParameter ExpectedSequence = QueryParameter.WholeNumber("expected_sequence",
        "Append only if the log's head is this sequence (0 for an empty log); otherwise 409 SEQUENCE_MISMATCH.", 42);

    public static readonly QueryParameter After = QueryParameter.WholeNumber("after", "Return events with a sequence above this one (default 0).", 41);

    public static readonly QueryParameter EventLimit = QueryParameter.WholeNumber("limit",
        "At most this many events (default 100, 1–1000); a page also stops at 4 MiB of event data.", 100);

    public static readonly QueryParameter Wait = QueryParameter.WholeNumber("wait",
        "Seconds to hold the request when nothing follows after (default 0, at most 30): the long-poll tail.", 20);
}
