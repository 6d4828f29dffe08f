namespace Primatomic.Tests.Clients.CSharp;

/// <summary>The C# client's test classes that share one running service (all but the restart test, which needs its own).</summary>
[CollectionDefinition(Name)]
public sealed class SharesOneService : ICollectionFixture<ClientService>
{
    public const string Name = "CSharpClient";
}
