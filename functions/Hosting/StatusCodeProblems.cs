namespace Primatomic.Functions.Hosting;

/// <summary>Gives body-less framework answers (unknown route, wrong method) the same problem shape as ours.</summary>
internal static class StatusCodeProblems
{
    public static Task WriteAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var (code, detail) = status switch
        {
            StatusCodes.Status404NotFound => (ErrorCodes.NotFound, "No such resource."),
            StatusCodes.Status405MethodNotAllowed => (ErrorCodes.MethodNotAllowed, "This method is not allowed on this resource."),
            StatusCodes.Status413PayloadTooLarge => (ErrorCodes.PayloadTooLarge, "The request body is too large."),
            StatusCodes.Status415UnsupportedMediaType => (ErrorCodes.UnsupportedMediaType, "Unsupported content type."),
            StatusCodes.Status414UriTooLong => (ErrorCodes.UriTooLong, "The request target is too long."),
            StatusCodes.Status431RequestHeaderFieldsTooLarge => (ErrorCodes.HeadersTooLarge, "The request headers are too large."),
            StatusCodes.Status503ServiceUnavailable => (ErrorCodes.ServiceUnavailable, "The service is temporarily unavailable; retry shortly."),
            StatusCodes.Status401Unauthorized => (ErrorCodes.Unauthenticated, "A valid bearer token is required."),
            StatusCodes.Status403Forbidden => (ErrorCodes.PermissionDenied, "You are not allowed to do this."),
            >= 500 => (ErrorCodes.Internal, "An internal error occurred."),
            _ => (ErrorCodes.ValidationError, "The request is invalid."),
        };
        return ProblemResponse.WriteAsync(context, status, code, detail);
    }
}
