using System.Net;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Primatomic.Functions.Auth;

namespace Primatomic.Tests.Auth;

/// <summary>
/// The authorization model of docs/api.md as a matrix: every route the app maps (read from its endpoint data source,
/// so a route added without a row here fails) × every kind of caller → allowed, 401 or 403.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthCallersFixture fixture) : IClassFixture<AuthCallersFixture>
{
    private enum Outcome
    {
        Allowed,
        Unauthenticated,
        Forbidden,
        NotReachable,
    }

    /// <summary>Who may call a route, as the model states it.</summary>
    private delegate Outcome Rule(AuthCaller caller);

    private static readonly Rule Public = _ => Outcome.Allowed;
    private static readonly Rule HostOnly = _ => Outcome.NotReachable;

    private static Rule Scope(string scope) => caller =>
        caller.Token is null ? Outcome.Unauthenticated : caller.Has(scope) ? Outcome.Allowed : Outcome.Forbidden;

    // Keys: an owner or the admin whose token holds keys:manage, signed in or through a key.
    private static readonly Rule TenantManager = caller =>
        caller.Token is null ? Outcome.Unauthenticated : caller.ManagesTenant ? Outcome.Allowed : Outcome.Forbidden;

    // Users: the same, but only signed in with a password.
    private static readonly Rule TenantManagerSignedIn = caller =>
        caller.Token is null ? Outcome.Unauthenticated : caller.ManagesTenant && !caller.IsKey ? Outcome.Allowed : Outcome.Forbidden;

    // Signing keys: the platform admin signed in with a password.
    private static readonly Rule AdminSignedIn = caller =>
        caller.Token is null ? Outcome.Unauthenticated : caller.Role == Roles.Admin && !caller.IsKey ? Outcome.Allowed : Outcome.Forbidden;

    private static readonly Dictionary<string, Rule> Matrix = new(StringComparer.Ordinal)
    {
        ["GET /"] = Public,
        ["GET /.well-known/jwks.json"] = Public,
        ["GET /wit/primatomic-machine.wit"] = Public,
        ["GET /openapi/v1.json"] = Public,
        // The web console's page and files hold no data: it calls the routes below with its user's token.
        ["GET /console"] = Public,
        ["GET /console/{file}"] = Public,
        ["GET /docs/{documentName?}"] = Public,
        ["GET /docs/scalar.js"] = Public,
        ["GET /docs/scalar.aspnetcore.js"] = Public,
        ["GET /docs/favicon.svg"] = Public,
        ["POST /auth/register"] = Public,
        ["POST /auth/login"] = Public,
        ["POST /auth/token"] = Public,
        ["POST /auth/signing-keys/rotate"] = AdminSignedIn,
        ["POST /auth/keys"] = TenantManager,
        ["GET /auth/keys"] = TenantManager,
        ["GET /auth/keys/{key_id}"] = TenantManager,
        ["DELETE /auth/keys/{key_id}"] = TenantManager,
        ["POST /auth/users"] = TenantManagerSignedIn,
        ["GET /auth/users"] = TenantManagerSignedIn,
        ["POST /logs/{name}"] = Scope(Scopes.LogsWrite),
        ["GET /logs"] = Scope(Scopes.LogsRead),
        ["GET /logs/{log_id}"] = Scope(Scopes.LogsRead),
        ["POST /logs/{log_id}/append"] = Scope(Scopes.LogsWrite),
        ["POST /logs/{log_id}/append-batch"] = Scope(Scopes.LogsWrite),
        ["GET /logs/{log_id}/events"] = Scope(Scopes.LogsRead),
        ["POST /logs/{log_id}/views/{view_name}"] = Scope(Scopes.ViewsDeploy),
        ["GET /logs/{log_id}/views"] = Scope(Scopes.ViewsQuery),
        ["DELETE /logs/{log_id}/views/{view_name}"] = Scope(Scopes.ViewsDeploy),
        ["GET /logs/{log_id}/views/{view_name}/stats"] = Scope(Scopes.ViewsQuery),
        ["POST /logs/{log_id}/views/{view_name}/query"] = Scope(Scopes.ViewsQuery),
        // The Functions host's invocation routes: nobody reaches them over HTTP from outside.
        ["POST /ViewProcessor"] = HostOnly,
        ["POST /ViewSweeper"] = HostOnly,
        // An operator's view of placement: loopback only, and never a function the host would forward to.
        ["GET /ops/placement"] = HostOnly,
    };

    [Fact]
    public void Every_mapped_route_has_a_row_and_every_row_is_a_mapped_route()
    {
        var routes = MappedRoutes();
        var missing = routes.Where(route => !Matrix.ContainsKey(route)).ToList();
        var stale = Matrix.Keys.Where(row => !routes.Contains(row)).ToList();
        Assert.True(missing.Count == 0, $"routes without a row in the authorization matrix: {string.Join(", ", missing)}");
        Assert.True(stale.Count == 0, $"matrix rows for routes the app does not map: {string.Join(", ", stale)}");
    }

    [Fact]
    public async Task Every_route_answers_every_caller_as_the_authorization_model_says()
    {
        var mismatches = new StringBuilder();
        foreach (var route in MappedRoutes().Where(Matrix.ContainsKey))
        {
            foreach (var caller in fixture.Callers)
            {
                var expected = Matrix[route](caller);
                var (status, body) = await CallAsync(route, caller);
                var actual = status switch
                {
                    HttpStatusCode.Unauthorized => Outcome.Unauthenticated,
                    HttpStatusCode.Forbidden when expected == Outcome.NotReachable => Outcome.NotReachable,
                    HttpStatusCode.Forbidden => Outcome.Forbidden,
                    HttpStatusCode.NotFound when expected == Outcome.NotReachable => Outcome.NotReachable,
                    _ => Outcome.Allowed,
                };
                if (actual != expected || (int)status >= 500)
                {
                    mismatches.AppendLine($"{route} as {caller}: expected {expected}, got {(int)status} {body[..Math.Min(body.Length, 160)]}");
                }
            }
        }

        Assert.True(mismatches.Length == 0, "\n" + mismatches);
    }

    private HashSet<string> MappedRoutes()
    {
        using var _ = fixture.Api.CreateClient(); // makes sure the host is built
        return fixture.Api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => $"{method} {Normalize(endpoint.RoutePattern.RawText ?? "")}"))
            .ToHashSet(StringComparer.Ordinal);
    }

    private static string Normalize(string pattern) => "/" + pattern.Trim('/');

    private async Task<(HttpStatusCode Status, string Body)> CallAsync(string route, AuthCaller caller)
    {
        var method = new HttpMethod(route[..route.IndexOf(' ', StringComparison.Ordinal)]);
        var path = route[(route.IndexOf(' ', StringComparison.Ordinal) + 1)..]
            .Replace("{name}", "matrix-" + Guid.NewGuid().ToString("N")[..8], StringComparison.Ordinal)
            .Replace("{log_id}", "matrix-missing-log", StringComparison.Ordinal)
            .Replace("{view_name}", "v", StringComparison.Ordinal)
            .Replace("{key_id}", Guid.NewGuid().ToString("N"), StringComparison.Ordinal)
            .Replace("{documentName?}", "v1", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(method, AuthHttp.Path(path));
        if (caller.Token is not null)
        {
            request.WithBearer(caller.Token);
        }

        if (caller.TenantHeader is not null)
        {
            request.Headers.Add("X-Tenant-ID", caller.TenantHeader);
        }

        if (method == HttpMethod.Post)
        {
            // The one body that passes validation for every allowed caller; elsewhere "{}" is answered 400 at worst.
            var json = route == "POST /auth/keys" ? "{\"name\":\"matrix\",\"scopes\":[\"keys:manage\"]}" : "{}";
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await fixture.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
