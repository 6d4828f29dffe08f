namespace Primatomic.Tests.Infrastructure;

/// <summary>
/// Base for HTTP tests that act as one freshly registered tenant against their own <see cref="ApiFactory"/> (own
/// storage names, so classes run in parallel). <see cref="Client"/> carries the owner's bearer token unless a class
/// sets <see cref="AuthorizeClient"/> to false to manage tokens per request.
/// </summary>
public abstract class TenantApiTests : IAsyncLifetime
{
    protected ApiFactory Api { get; private set; } = null!;
    protected HttpClient Client { get; private set; } = null!;
    protected TestTenant Owner { get; private set; } = null!;

    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;
    protected virtual bool AuthorizeClient => true;

    public virtual async Task InitializeAsync()
    {
        Api = await ApiFactory.CreateAsync(Settings);
        Client = Api.CreateClient();
        Owner = await TestTenant.RegisterAsync(Client);
        if (AuthorizeClient)
        {
            Owner.Authorize(Client);
        }
    }

    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        await Api.DisposeAsync();
    }
}
