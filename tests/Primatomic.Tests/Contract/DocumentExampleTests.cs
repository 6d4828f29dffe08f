using System.Text.Json;
using System.Text.Json.Nodes;

namespace Primatomic.Tests.Contract;

/// <summary>Every example the document shows validates against the schema beside it (JSON Schema 2020-12, JsonSchema.Net).</summary>
public sealed class DocumentExampleTests(ContractFixture fixture) : IClassFixture<ContractFixture>
{
    [Fact]
    public void Every_example_in_the_document_matches_its_schema()
    {
        var checkedExamples = 0;
        var failures = new List<string>();
        foreach (var (where, schema, example) in Examples(fixture.Contract.Document))
        {
            checkedExamples++;
            using var instance = JsonDocument.Parse(example.ToJsonString());
            failures.AddRange(fixture.Contract.Validate(schema, instance.RootElement).Select(error => $"{where}: {error}"));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(checkedExamples >= 100, $"only {checkedExamples} examples were found");
    }

    [Fact]
    public void A_wrong_example_is_caught()
    {
        var problem = fixture.Contract.Document["components"]!["schemas"]!["Problem"]!;
        using var wrong = JsonDocument.Parse("""{"type":"about:blank","title":"Conflict","status":409,"code":"NOT_A_CODE","detail":"x","surprise":1}""");

        var errors = fixture.Contract.Validate(new JsonObject { ["$ref"] = "#/components/schemas/Problem" }, wrong.RootElement);

        Assert.NotNull(problem);
        Assert.True(errors.Count >= 1, "an undeclared code and member must not validate");
    }

    /// <summary>Media-type and parameter examples, with the schema each belongs to.</summary>
    private static IEnumerable<(string Where, JsonNode Schema, JsonNode Example)> Examples(JsonObject document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var name = $"{method.ToUpperInvariant()} {path}";
                foreach (var parameter in operation!["parameters"]?.AsArray().OfType<JsonObject>() ?? [])
                {
                    if (parameter["example"] is { } example && parameter["schema"] is { } schema)
                    {
                        yield return ($"{name} parameter {parameter["name"]}", schema, example);
                    }
                }

                foreach (var (mediaType, media) in operation["requestBody"]?["content"]?.AsObject() ?? [])
                {
                    if (media!["example"] is { } example)
                    {
                        yield return ($"{name} request {mediaType}", media["schema"]!, example);
                    }
                }

                foreach (var (status, response) in operation["responses"]?.AsObject() ?? [])
                {
                    foreach (var (mediaType, media) in response!["content"]?.AsObject() ?? [])
                    {
                        if (media!["example"] is { } example)
                        {
                            yield return ($"{name} {status} {mediaType}", media["schema"]!, example);
                        }
                    }
                }
            }
        }
    }
}
