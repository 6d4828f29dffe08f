using Primatomic.Testing;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Clients.Cli;

/// <summary>
/// The real service as its own process (so a test can restart it), shared by one test class, with a tenant owner
/// whose API key (all application scopes plus keys:manage) the CLI sessions sign in with.
/// </summary>
public sealed class CliServiceFixture : IAsyncLifetime
{
    public ServiceProcess Service { get; private set; } = null!;

    public TestTenant Owner { get; private set; } = null!;

    public string ApiKey { get; private set; } = null!;

    public string Url => Service.BaseAddress.ToString().TrimEnd('/');

    public async Task InitializeAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        Service = await ServiceProcess.StartAsync(ApiFactory.DefaultSettings(azurite, SharedAzurite.UniquePrefix()));
        using var http = Service.CreateClient();
        Owner = await TestTenant.RegisterAsync(http);

        // The CLI's own login and keys create make the key the sessions use: they are under test too.
        using var session = new CliSession();
        (await session.RunAsync(["login", "--url", Url, "--email", Owner.Email, "--password-stdin"], Owner.Password)).EnsureSuccess();
        var created = (await session.RunAsync(
            "keys", "create", "cli-tests", "--scope", "logs:read", "logs:write", "views:deploy", "views:query", "keys:manage", "--json")).EnsureSuccess();
        ApiKey = created.Json().GetProperty("api_key").GetString()!;
    }

    /// <summary>A user with a profile named <c>test</c> for this service, signed in with the fixture's API key.</summary>
    public async Task<CliSession> NewSessionAsync(string? url = null)
    {
        var session = new CliSession();
        (await session.RunAsync(["profile", "set", "test", "--url", url ?? Url, "--api-key-stdin"], ApiKey)).EnsureSuccess();
        return session;
    }

    public async Task DisposeAsync() => await Service.DisposeAsync();
}
