namespace Primatomic.Client;

/// <summary>The service's stable error codes (docs/api.md, "Errors"), and the client's own two.</summary>
public static class ErrorCodes
{
    /// <summary>Malformed input.</summary>
    public const string ValidationError = "VALIDATION_ERROR";
    /// <summary>A view that cannot be deployed.</summary>
    public const string InvalidView = "INVALID_VIEW";
    /// <summary><c>query?after=N</c> beyond the head.</summary>
    public const string AfterBeyondHead = "AFTER_BEYOND_HEAD";
    /// <summary>No, or a bad, token or credential.</summary>
    public const string Unauthenticated = "UNAUTHENTICATED";
    /// <summary>The token lacks the scope or role.</summary>
    public const string PermissionDenied = "PERMISSION_DENIED";
    /// <summary>Sign-up is off.</summary>
    public const string SignupDisabled = "SIGNUP_DISABLED";
    /// <summary>No such route or resource (or another tenant's).</summary>
    public const string NotFound = "NOT_FOUND";
    /// <summary>The method is not allowed on the route.</summary>
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    /// <summary>The name or email is taken.</summary>
    public const string Conflict = "CONFLICT";
    /// <summary><c>expected_sequence</c> was not the head.</summary>
    public const string SequenceMismatch = "SEQUENCE_MISMATCH";
    /// <summary>The view failed for good.</summary>
    public const string ViewFailed = "VIEW_FAILED";
    /// <summary>Too many views.</summary>
    public const string ViewLimitReached = "VIEW_LIMIT_REACHED";
    /// <summary>Too many logs.</summary>
    public const string LogLimitReached = "LOG_LIMIT_REACHED";
    /// <summary>An event, batch or body too large.</summary>
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    /// <summary>The Idempotency-Key was used with another body.</summary>
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";
    /// <summary>The view's query failed (only that request).</summary>
    public const string ViewQueryFailed = "VIEW_QUERY_FAILED";
    /// <summary>Over a rate limit.</summary>
    public const string RateLimited = "RATE_LIMITED";
    /// <summary>Storage or the service is unavailable for now.</summary>
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";
    /// <summary>The view did not catch up to <c>after</c> in time.</summary>
    public const string ViewCatchUpTimeout = "VIEW_CATCH_UP_TIMEOUT";
    /// <summary>A bug in the service.</summary>
    public const string Internal = "INTERNAL";
    /// <summary>Client side: no response arrived (connection failed or dropped, or the attempt timed out).</summary>
    public const string ConnectionFailed = "CONNECTION_FAILED";
    /// <summary>Client side: an error response that was not a problem document.</summary>
    public const string Unknown = "UNKNOWN";
}
