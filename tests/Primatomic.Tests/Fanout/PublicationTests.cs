using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Primatomic.Functions.Fanout;
using Primatomic.Functions.Fanout.EventHubs;
using Primatomic.Functions.Logs.Storage;

namespace Primatomic.Tests.Fanout;

/// <summary>How commits become REST batches, and how the Event Hubs settings are read.</summary>
public sealed class PublicationTests
{
    private const string LogId = "6f1c8a52-3b0e-4f59-9a57-1f0f3c8a2b11";

    private static List<StoredEvent> Events(int count, int bytes) =>
        [.. Enumerable.Range(1, count).Select(i => new StoredEvent(i, new byte[bytes], DateTimeOffset.UnixEpoch))];

    [Fact]
    public void Small_commits_of_one_log_go_out_as_one_publication_in_order()
    {
        var publication = Assert.Single(Publication.Build("tenant-1", LogId, Events(500, 100)));
        Assert.Equal(500, publication.Events);
        using var batch = JsonDocument.Parse(publication.Body);
        var sequences = batch.RootElement.EnumerateArray()
            .Select(m => FanoutMessage.TryParse(JsonDocument.Parse(m.GetProperty("Body").GetString()!).RootElement, out _)!)
            .SelectMany(m => m.Events.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(1, 500).Select(i => (long)i), sequences);
    }

    [Fact]
    public void Publications_stay_under_the_limit_and_keep_every_event_once_in_order()
    {
        var publications = Publication.Build("tenant-1", LogId, Events(40, 60 * 1024));
        Assert.True(publications.Count >= 3);
        Assert.All(publications, p => Assert.InRange(p.Body.Length, 1, Publication.MaxBytes));
        Assert.Equal(40, publications.Sum(p => p.Events));
        Assert.Equal(0, publications.Sum(p => p.References));
    }

    [Fact]
    public void Only_an_event_that_fits_no_publication_becomes_a_reference()
    {
        var events = new List<StoredEvent>
        {
            new(1, new byte[700 * 1024], DateTimeOffset.UnixEpoch),
            new(2, new byte[800 * 1024], DateTimeOffset.UnixEpoch),
            new(3, new byte[10], DateTimeOffset.UnixEpoch),
        };
        var publications = Publication.Build(null, LogId, events);
        Assert.All(publications, p => Assert.True(p.Body.Length <= Publication.MaxBytes));
        Assert.Equal(1, publications.Sum(p => p.References));
        Assert.Equal(3, publications.Sum(p => p.Events));
    }

    [Fact]
    public void Settings_choose_event_hubs_only_when_a_namespace_or_connection_string_is_set()
    {
        Assert.Null(EventHubsOptions.FromConfiguration(Config([])));

        var identity = EventHubsOptions.FromConfiguration(Config(new()
        {
            ["EventHubConnection:fullyQualifiedNamespace"] = "ns.servicebus.windows.net",
            ["EventHubConnection:credential"] = "managedidentity",
            ["EventHubConnection:clientId"] = "client-id",
            ["EVENT_HUB_NAME"] = "events",
        }))!;
        Assert.False(identity.UsesSas);
        Assert.Equal(new Uri("https://ns.servicebus.windows.net/events/messages?timeout=60&api-version=2014-01"), identity.MessagesUri);
        Assert.Equal("client-id", identity.ClientId);

        var sas = EventHubsOptions.FromConfiguration(Config(new()
        {
            ["EventHubConnection"] = "Endpoint=sb://other.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=a2V5PQ==;EntityPath=hub",
        }))!;
        Assert.True(sas.UsesSas);
        Assert.Equal(("other.servicebus.windows.net", "hub", "a2V5PQ=="), (sas.Namespace, sas.HubName, sas.SasKey));
    }

    [Theory]
    [InlineData("EVENT_HUB_ENDPOINT", "https://127.0.0.1:8443/")]
    [InlineData("EVENT_HUB_ENDPOINT", "http://collector.example/")]
    [InlineData("EVENT_HUB_NAME", "")]
    public void Misconfigured_event_hubs_fail_at_start_up(string setting, string value)
    {
        var settings = new Dictionary<string, string?>
        {
            ["EventHubConnection:fullyQualifiedNamespace"] = "ns.servicebus.windows.net",
            ["EVENT_HUB_NAME"] = "events",
            [setting] = value,
        };
        Assert.Throws<InvalidOperationException>(() => EventHubsOptions.FromConfiguration(Config(settings)));
    }

    private static IConfiguration Config(Dictionary<string, string?> settings) => new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
