using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Auth;

/// <summary>
/// What every /auth answer shares. Answers carry secrets or tokens (login, token exchange, register, new keys), so
/// none may be stored by a cache: <c>Cache-Control: no-store</c> and <c>Pragma: no-cache</c> on every one, set as the
/// answer starts so no path can forget them. (Time bounds and storage faults are the hosting pipeline's:
/// <see cref="RequestDeadline"/> and <see cref="StorageFaults"/>.)
/// </summary>
internal static class AuthResponses
{
    public static TBuilder WithAuthResponses<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            var http = invocation.HttpContext;
            http.Response.OnStarting(() =>
            {
                http.Response.Headers.CacheControl = "no-store";
                http.Response.Headers.Pragma = "no-cache";
                return Task.CompletedTask;
            });

            return await next(invocation);
        });
}
