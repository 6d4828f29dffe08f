namespace Primatomic.Functions.Hosting;

/// <summary>The stable <c>code</c> values of problem responses. Clients branch on these, so never rename one.</summary>
public static class ErrorCodes
{
    public const string ValidationError = "VALIDATION_ERROR";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string PermissionDenied = "PERMISSION_DENIED";
    public const string NotFound = "NOT_FOUND";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string Conflict = "CONFLICT";
    public const string SequenceMismatch = "SEQUENCE_MISMATCH";
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string RateLimited = "RATE_LIMITED";
    public const string SignupDisabled = "SIGNUP_DISABLED";
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";
    public const string Internal = "INTERNAL";
    public const string InvalidView = "INVALID_VIEW";
    public const string ViewFailed = "VIEW_FAILED";
    public const string ViewQueryFailed = "VIEW_QUERY_FAILED";
    public const string ViewLimitReached = "VIEW_LIMIT_REACHED";
    public const string AfterBeyondHead = "AFTER_BEYOND_HEAD";
    public const string ViewCatchUpTimeout = "VIEW_CATCH_UP_TIMEOUT";
    public const string LogLimitReached = "LOG_LIMIT_REACHED";
    public const string UriTooLong = "URI_TOO_LONG";
    public const string HeadersTooLarge = "HEADERS_TOO_LARGE";
}
