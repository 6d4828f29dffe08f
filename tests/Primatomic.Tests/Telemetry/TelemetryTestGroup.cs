namespace Primatomic.Tests.Telemetry;

/// <summary>The telemetry test classes share one <see cref="TelemetryHost"/>: one service, one deployed view.</summary>
[CollectionDefinition(Name)]
public sealed class TelemetryTestGroup : ICollectionFixture<TelemetryHost>
{
    public const string Name = "Telemetry";
}
