using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Primatomic.Functions.Contract;
using Primatomic.Testing;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Logs;

namespace Primatomic.Tests.Contract;

/// <summary>
/// The running service (its real executable) answers as its document says: every route is called, with success and
/// its typical failures, and every answer's status, media type and body (problems and their codes included) is
/// checked against the operation in the document it serves.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class LiveResponseTests
{
    [Fact]
    public async Task Real_answers_of_every_route_match_the_documented_schemas()
    {
        var azurite = await SharedAzurite.GetAsync();
        await using var service = await ServiceProcess.StartAsync(LogsHttp.ServiceSettings(azurite, SharedAzurite.UniquePrefix()));
        var recorder = new RecordingHandler();
        using var client = new HttpClient(recorder) { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

        await new LiveScenario(client).RunAsync();

        using var plain = service.CreateClient();
        var contract = PublishedContract.Parse(await plain.GetStringAsync(new Uri(ContractFeature.DocumentPath, UriKind.Relative)));
        var exchanges = recorder.Exchanges.ToList();
        var failures = exchanges.SelectMany(e => contract.Check(e.Method, e.Path, e.Status, e.MediaType, e.Body)).ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        var operations = exchanges.Select(e => contract.Find(e.Method, e.Path)).OfType<(string Template, System.Text.Json.Nodes.JsonObject Operation)>()
            .Select(found => found.Operation["operationId"]!.GetValue<string>()).ToHashSet();
        var missed = contract.Operations().Select(o => o.Operation["operationId"]!.GetValue<string>()).Where(id => !operations.Contains(id)).ToList();
        Assert.True(missed.Count == 0, $"operations never called: {string.Join(", ", missed)}");
        Assert.True(exchanges.Count(e => e.Status >= 400) >= 25, "too few failures were checked");
    }
}
