using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Primatomic.Functions.Hosting;
using Primatomic.Testing;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Hosting;

public sealed class FunctionDefinitionsTests : IAsyncLifetime
{
    private ApiFactory _api = null!;

    public async Task InitializeAsync() => _api = await ApiFactory.CreateAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public void Committed_function_definitions_match_the_route_table()
    {
        var generated = FunctionDefinitions.Generate([_api.Services.GetRequiredService<EndpointDataSource>()]);
        var directory = RepoPaths.Combine("functions", "definitions");
        var committed = Directory.Exists(directory)
            ? Directory.GetDirectories(directory)
                .Where(d => File.Exists(Path.Combine(d, "function.json")))
                .ToDictionary(d => Path.GetFileName(d), d => File.ReadAllText(Path.Combine(d, "function.json")))
            : [];

        Assert.True(generated.Count > 0, "the route table produced no functions");
        var hint = "run scripts/generate-functions and commit functions/definitions";
        Assert.True(generated.Keys.Order().SequenceEqual(committed.Keys.Order()),
            $"functions differ ({hint}): generated [{string.Join(", ", generated.Keys)}], committed [{string.Join(", ", committed.Keys.Order())}]");
        foreach (var (name, json) in generated)
        {
            Assert.True(json == committed[name], $"{name}/function.json is out of date ({hint})");
        }
    }

    [Fact]
    public void Every_http_function_is_anonymous_and_forwarded_unchanged()
    {
        foreach (var (name, json) in FunctionDefinitions.Generate([_api.Services.GetRequiredService<EndpointDataSource>()]))
        {
            using var doc = System.Text.Json.JsonDocument.Parse(json);
            var trigger = doc.RootElement.GetProperty("bindings")[0];
            if (name is "ViewProcessor" or "ViewSweeper")
            {
                continue;
            }

            Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
            Assert.Equal("anonymous", trigger.GetProperty("authLevel").GetString());
            Assert.False(string.IsNullOrEmpty(trigger.GetProperty("route").GetString()));
        }
    }

    [Fact]
    public void The_view_processor_is_an_event_hub_trigger_in_batches_of_binary_bodies()
    {
        var binding = SoleBinding("ViewProcessor");
        Assert.Equal(
            """{"type":"eventHubTrigger","direction":"in","name":"events","eventHubName":"%EVENT_HUB_NAME%","consumerGroup":"%EVENT_HUB_CONSUMER_GROUP%","connection":"EventHubConnection","cardinality":"many","dataType":"binary"}""",
            binding.ToJsonString());
    }

    [Fact]
    public void The_view_sweeper_is_a_timer_trigger_every_minute()
    {
        Assert.Equal("""{"type":"timerTrigger","direction":"in","name":"timer","schedule":"0 */1 * * * *"}""", SoleBinding("ViewSweeper").ToJsonString());
    }

    [Fact]
    public void A_trigger_function_must_be_mapped_as_post_to_its_own_name()
    {
        var trigger = FunctionTrigger.Timer("timer", "0 */5 * * * *");
        Assert.Contains("must be mapped as POST /Sweep", Assert.Throws<InvalidOperationException>(() => GenerateFor(e => e.MapPost("/sweep-now", () => "").WithName("Sweep").WithMetadata(trigger))).Message, StringComparison.Ordinal);
        Assert.Contains("must be mapped as POST /Sweep", Assert.Throws<InvalidOperationException>(() => GenerateFor(e => e.MapGet("/Sweep", () => "").WithName("Sweep").WithMetadata(trigger))).Message, StringComparison.Ordinal);
        Assert.Contains("timerTrigger", GenerateFor(e => e.MapPost("/Sweep", () => "").WithName("Sweep").WithMetadata(trigger))["Sweep"], StringComparison.Ordinal);
    }

    private System.Text.Json.Nodes.JsonNode SoleBinding(string function)
    {
        var json = FunctionDefinitions.Generate([_api.Services.GetRequiredService<EndpointDataSource>()])[function];
        return Assert.Single(System.Text.Json.Nodes.JsonNode.Parse(json)!["bindings"]!.AsArray())!;
    }

    private static SortedDictionary<string, string> GenerateFor(Action<IEndpointRouteBuilder> map)
    {
        var app = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder().Build();
        map(app);
        return FunctionDefinitions.Generate(((IEndpointRouteBuilder)app).DataSources);
    }
}
