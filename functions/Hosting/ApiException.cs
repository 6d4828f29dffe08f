namespace Primatomic.Functions.Hosting;

/// <summary>
/// An expected failure with a client-facing status, code and message. The central exception handler turns it
/// into a problem response; the message must therefore never contain secrets or internal detail.
/// </summary>
public sealed class ApiException(int status, string code, string message, IReadOnlyDictionary<string, object?>? extensions = null)
    : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();

    public static ApiException Validation(string message) => new(StatusCodes.Status400BadRequest, ErrorCodes.ValidationError, message);
    public static ApiException NotFound(string message) => new(StatusCodes.Status404NotFound, ErrorCodes.NotFound, message);
    public static ApiException Conflict(string message) => new(StatusCodes.Status409Conflict, ErrorCodes.Conflict, message);
    public static ApiException PermissionDenied(string message) => new(StatusCodes.Status403Forbidden, ErrorCodes.PermissionDenied, message);
    public static ApiException Unauthenticated(string message) => new(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated, message);
    /// <summary>A transient condition (storage, a busy pool): 503, answered with Retry-After by the exception handler.</summary>
    public static ApiException Unavailable(string message) => new(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, message);
    public static ApiException PayloadTooLarge(string message) => new(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, message);
}
