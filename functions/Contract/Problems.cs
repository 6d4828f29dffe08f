using Primatomic.Functions.Hosting;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Primatomic.Functions.Contract;

/// <summary>
/// The failures the document names, one per status, code and cause. <see cref="Everywhere"/>, <see cref="WithToken"/>,
/// <see cref="WithBody"/> and <see cref="WithJsonBody"/> are added to routes by what they are; the rest a route
/// declares itself. A test checks every problem the running service answers is declared for its route.
/// </summary>
public static class Problems
{
    public static readonly ProblemCase InvalidRequest = new(Status400BadRequest, ErrorCodes.ValidationError,
        "An unknown or invalid query parameter or header, or a malformed request.");

    public static readonly ProblemCase Validation = new(Status400BadRequest, ErrorCodes.ValidationError,
        "A missing or invalid field or value; `detail` says which.");

    public static readonly ProblemCase UriTooLong = new(Status414UriTooLong, ErrorCodes.UriTooLong, "The request target is over 8 KiB.");

    public static readonly ProblemCase HeadersTooLarge = new(Status431RequestHeaderFieldsTooLarge, ErrorCodes.HeadersTooLarge,
        "The request headers are over 32 KiB in total or more than 100.");

    public static readonly ProblemCase RateLimited = new ProblemCase(Status429TooManyRequests, ErrorCodes.RateLimited,
        "Over the client address's rate limit (or, with a token, the tenant's); retry after `Retry-After` seconds.").With("retry_after", 1);

    public static readonly ProblemCase Internal = new ProblemCase(Status500InternalServerError, ErrorCodes.Internal,
        "A bug: the answer carries only a `trace_id` to find it in the service's logs.").With("trace_id", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");

    public static readonly ProblemCase Unavailable = new ProblemCase(Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable,
        "Storage is unreachable, throttling or failing, or the request ran past `REQUEST_TIMEOUT_SECS`; retry after `Retry-After`.")
        .With("trace_id", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");

    public static readonly ProblemCase Unauthenticated = new(Status401Unauthorized, ErrorCodes.Unauthenticated,
        "No bearer token, or an invalid, expired or revoked one.");

    public static readonly ProblemCase PermissionDenied = new(Status403Forbidden, ErrorCodes.PermissionDenied,
        "The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in `X-Tenant-ID`.");

    public static readonly ProblemCase NoSuchTenant = new(Status404NotFound, ErrorCodes.NotFound, "`X-Tenant-ID` (platform admin) names no tenant.");

    public static readonly ProblemCase BodyTooLarge = new(Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, "The request body is over 4 MiB.");

    public static readonly ProblemCase NotJson = new(Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType,
        "A body sent with a content type other than `application/json`.");

    public static readonly ProblemCase MalformedJson = new(Status400BadRequest, ErrorCodes.ValidationError,
        "The body is not valid JSON for this operation.");

    public static IReadOnlyList<ProblemCase> Everywhere { get; } = [InvalidRequest, UriTooLong, HeadersTooLarge, RateLimited, Internal, Unavailable];

    public static IReadOnlyList<ProblemCase> WithToken { get; } = [Unauthenticated, PermissionDenied, NoSuchTenant];

    public static IReadOnlyList<ProblemCase> WithBody { get; } = [BodyTooLarge];

    public static IReadOnlyList<ProblemCase> WithJsonBody { get; } = [NotJson, MalformedJson];
}
