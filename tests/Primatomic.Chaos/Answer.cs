namespace Primatomic.Chaos;

/// <summary>One request and what came back: a status, or no answer at all (connection refused or reset, or our timeout).</summary>
public sealed record Answer(string Kind, int? Status, string Body, TimeSpan Latency, bool HasRetryAfter, string? Error)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>An outcome the caller cannot know: it may or may not have happened, so a retry is the right move.</summary>
    public bool IsAmbiguous => Status is null or 503;

    public bool TimedOut => Error == "timeout";

    public override string ToString() =>
        $"{Kind} → {(Status is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : Error)} after {Latency.TotalSeconds:0.0} s {Shorten(Body)}";

    private static string Shorten(string body) => body.Length <= 160 ? body : body[..160] + "…";
}
