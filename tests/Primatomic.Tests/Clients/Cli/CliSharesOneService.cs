namespace Primatomic.Tests.Clients.Cli;

/// <summary>
/// The CLI's test classes that share one running service (all but the resilience tests, which restart theirs): one
/// service process instead of one per class keeps the suite's load down.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CliSharesOneService : ICollectionFixture<CliServiceFixture>
{
    public const string Name = "CliOneService";
}
