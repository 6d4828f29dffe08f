using System.Globalization;
using System.Threading.RateLimiting;

namespace Primatomic.Functions.Hosting;

/// <summary>The one answer of every rate limit: 429 RATE_LIMITED with Retry-After in whole seconds.</summary>
internal static class RateLimitedResponse
{
    public static Task WriteAsync(HttpContext context, RateLimitLease lease)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
            : 1;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        return ProblemResponse.WriteAsync(context, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited,
            $"Too many requests; retry after {retryAfter} s.",
            new Dictionary<string, object?> { ["retry_after"] = retryAfter });
    }
}
