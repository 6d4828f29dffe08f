using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Auth;

/// <summary>Auth feature wiring: token validation, RBAC policies and the /auth endpoints.</summary>
public static class AuthFeature
{
    public static WebApplicationBuilder AddAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>()
            .Configure<IConfiguration>(AuthOptions.Bind)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddTimeProvider();

        services.AddStorageTable(AccountStore.TenantsTable);
        services.AddStorageTable(AccountStore.UsersTable);
        services.AddStorageTable(ApiKeyStore.TableName);
        services.AddStorageContainer(SigningKeyStore.ContainerName);

        services.AddSingleton<SigningKeyStore>();
        services.AddSingleton<UnknownKidReload>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<AccountStore>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<ApiKeyRevocations>();
        services.AddSingleton<CallerResolver>();
        services.AddSingleton<AuthAudit>();
        services.AddSingleton<PasswordWork>();
        // Order matters: the keys must exist before the admin could log in; both run after storage is created.
        services.AddHostedService<SigningKeyRefresher>();
        services.AddHostedService<AdminSeeder>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddSingleton<CachingTokenHandler>();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, JwtBearerSetup>();
        services.AddAuthorization();
        return builder;
    }

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAuthEndpoints();
        endpoints.MapApiKeyEndpoints();
        endpoints.MapUserEndpoints();
        return endpoints;
    }

    /// <summary>
    /// Requires an authenticated caller holding <paramref name="scope"/>, and resolves the <see cref="Caller"/>
    /// (including the admin's <c>X-Tenant-ID</c>) before the handler runs; handlers read it with
    /// <see cref="CallerExtensions.GetCaller"/>.
    /// </summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder
    {
        var policy = new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => CallerResolver.ScopesOf(context.User).Contains(scope))
            .Build();
        builder.RequireAuthorization(policy);
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            var http = invocation.HttpContext;
            http.Items[typeof(Caller)] = await http.RequestServices.GetRequiredService<CallerResolver>().ResolveAsync(http);
            return await next(invocation);
        });
        return builder;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(descriptor => descriptor.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}

public static class CallerExtensions
{
    public static Caller GetCaller(this HttpContext context) =>
        context.Items[typeof(Caller)] as Caller
        ?? throw new InvalidOperationException("No caller was resolved; map the endpoint with RequireScope.");
}
