using Primatomic.Testing;

namespace Primatomic.Tests.Faults;

/// <summary>An <see cref="OutageFixture"/> on its own Azurite, which tests may really stop (never the shared one).</summary>
public sealed class StoppedAzuriteFixture : OutageFixture
{
    public AzuriteProcess Azurite { get; private set; } = null!;

    protected override async Task<(AzuriteProcess Azurite, string ConnectionString)> StartStorageAsync()
    {
        Azurite = await AzuriteProcess.StartAsync();
        return (Azurite, Azurite.ConnectionString);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
