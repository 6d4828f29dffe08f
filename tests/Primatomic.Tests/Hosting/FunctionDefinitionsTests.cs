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
        foreach (var json in FunctionDefinitions.Generate([_api.Services.GetRequiredService<EndpointDataSource>()]).Values)
        {
            using var doc = System.Text.Json.JsonDocument.Parse(json);
            var trigger = doc.RootElement.GetProperty("bindings")[0];
            Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
            Assert.Equal("anonymous", trigger.GetProperty("authLevel").GetString());
            Assert.False(string.IsNullOrEmpty(trigger.GetProperty("route").GetString()));
        }
    }
}
