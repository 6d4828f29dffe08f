using Primatomic.Functions.Contract;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Contract;

/// <summary>One in-process service per test class, and its published document, fetched once.</summary>
public sealed class ContractFixture : IAsyncLifetime
{
    public ApiFactory Api { get; private set; } = null!;

    public PublishedContract Contract { get; private set; } = null!;

    public string DocumentText { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Api = await ApiFactory.CreateAsync();
        using var client = Api.CreateClient();
        DocumentText = await client.GetStringAsync(new Uri(ContractFeature.DocumentPath, UriKind.Relative));
        Contract = PublishedContract.Parse(DocumentText);
    }

    public async Task DisposeAsync() => await Api.DisposeAsync();
}
