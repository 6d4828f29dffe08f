using System.ComponentModel.DataAnnotations;

namespace Primatomic.Functions.Hosting;

/// <summary>How long any request may take before it is answered 503 (see <see cref="RequestDeadline"/>).</summary>
public sealed class RequestTimeoutOptions
{
    /// <summary>
    /// <c>REQUEST_TIMEOUT_SECS</c>: every request is answered within this many seconds (long-polls: their wait plus
    /// this), far below the Functions host's 230 s HTTP limit.
    /// </summary>
    [Setting("REQUEST_TIMEOUT_SECS"), Range(1, 200)]
    public int Seconds { get; set; } = 10;

    public TimeSpan Timeout => TimeSpan.FromSeconds(Seconds);

    public static void Bind(RequestTimeoutOptions options, IConfiguration configuration) =>
        options.Seconds = configuration.GetValue("REQUEST_TIMEOUT_SECS", options.Seconds);
}
