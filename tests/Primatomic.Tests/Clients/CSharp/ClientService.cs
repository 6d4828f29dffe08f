using Primatomic.Client;
using Primatomic.Testing;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Clients.CSharp;

/// <summary>
/// The real service as its own process, with a registered tenant and an API key: shared by the C# client's tests
/// (one service per test class, or per collection). Tokens live 60 s, the service's minimum, so renewal is testable.
/// </summary>
public sealed class ClientService : IAsyncLifetime
{
    public ServiceProcess Service { get; private set; } = null!;

    public string Email { get; } = $"owner-{Guid.NewGuid():N}@client.test";

    public string Password { get; } = $"pw-{Guid.NewGuid():N}";

    public string TenantId { get; private set; } = "";

    /// <summary>An API key with every application scope and keys:manage.</summary>
    public string ApiKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        var settings = ApiFactory.DefaultSettings(azurite, SharedAzurite.UniquePrefix());
        settings["ACCESS_TOKEN_LIFETIME_SECS"] = "60";
        Service = await ServiceProcess.StartAsync(settings);

        using var anonymous = Client();
        TenantId = (await anonymous.Auth.RegisterAsync(Email, Password)).TenantId;
        using var owner = Client(options => { options.Email = Email; options.Password = Password; });
        ApiKey = (await owner.Auth.CreateApiKeyAsync("client-tests", [.. Scopes.Application, Scopes.KeysManage])).ApiKey;
    }

    public async Task DisposeAsync() => await Service.DisposeAsync();

    /// <summary>A client of this service; <paramref name="configure"/> sets its credentials and anything else.</summary>
    public PrimatomicClient Client(Action<PrimatomicClientOptions>? configure = null)
    {
        var options = new PrimatomicClientOptions { BaseAddress = Service.BaseAddress };
        configure?.Invoke(options);
        return new PrimatomicClient(options);
    }

    /// <summary>A client signed in with the fixture's API key.</summary>
    public PrimatomicClient KeyClient(Action<PrimatomicClientOptions>? configure = null) => Client(options =>
    {
        options.ApiKey = ApiKey;
        configure?.Invoke(options);
    });

    /// <summary>A log name no other test uses.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
