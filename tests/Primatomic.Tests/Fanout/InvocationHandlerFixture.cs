using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Primatomic.Functions.Logs;
using Primatomic.Functions.Logs.Storage;
using Primatomic.Testing;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Logs;

namespace Primatomic.Tests.Fanout;

/// <summary>
/// One handler process for the invocation tests (each test uses its own log and view), whose follow and supervise
/// polls are so long that only invocations move its views, and checkpoints are due at once.
/// </summary>
public sealed class InvocationHandlerFixture : IAsyncLifetime
{
    private AzuriteProcess _azurite = null!;
    private string _prefix = null!;

    public ServiceProcess Service { get; private set; } = null!;

    public TestTenant Tenant { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _azurite = await SharedAzurite.GetAsync();
        _prefix = SharedAzurite.UniquePrefix();
        var settings = LogsHttp.ServiceSettings(_azurite, _prefix);
        settings["Views__FollowPoll"] = "00:10:00";
        settings["Views__SupervisePoll"] = "00:10:00";
        settings["Views__CheckpointInterval"] = "00:00:00.100";
        Service = await ServiceProcess.StartAsync(settings);
        using var client = Service.CreateClient();
        Tenant = await TestTenant.RegisterAsync(client);
    }

    /// <summary>Another instance's writer of the same logs: its commits notify nobody in the handler under test.</summary>
    public EventLog OtherInstance() =>
        new(new TableClient(_azurite.ConnectionString, _prefix + LogsFeature.EventsTable), new CommitSignals(), NullLogger<EventLog>.Instance);

    public async Task DisposeAsync() => await Service.DisposeAsync();
}
