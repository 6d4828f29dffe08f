namespace Primatomic.Tests.Infrastructure;

/// <summary>One in-process service with the default test settings, shared by a test class's tests.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public ApiFactory Api { get; private set; } = null!;

    public async Task InitializeAsync() => Api = await ApiFactory.CreateAsync();

    public async Task DisposeAsync() => await Api.DisposeAsync();
}
