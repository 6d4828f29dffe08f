using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Primatomic.Functions.Contract;

namespace Primatomic.Tests.Contract;

/// <summary>
/// No route is published half-described: each has its contract (summary, description), named schemas for what it
/// reads and answers, examples of both, and a problem answer for every failing status it declares. Routes come from
/// the running route table, so a route added without its contract fails here.
/// </summary>
public sealed class OperationCoverageTests(ContractFixture fixture) : IClassFixture<ContractFixture>
{
    /// <summary>POST routes that read no body at all.</summary>
    private static readonly HashSet<string> BodylessPosts = ["CreateLog", "AuthRotateSigningKeys"];

    [Fact]
    public void Every_route_has_a_contract_with_summary_and_description()
    {
        var failures = new List<string>();
        foreach (var (route, method, endpoint) in ClientRoutes.Of(fixture.Api.Services))
        {
            var operation = Operation(route, method);
            if (endpoint.Metadata.GetMetadata<RouteContract>() is null)
            {
                failures.Add($"{method} {route}: no RouteContract (.Documented(...))");
            }

            foreach (var field in new[] { "summary", "description", "operationId" })
            {
                if (string.IsNullOrWhiteSpace(operation[field]?.GetValue<string>()))
                {
                    failures.Add($"{method} {route}: no {field}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Every_route_has_schemas_and_examples_for_its_request_and_its_answers()
    {
        var failures = new List<string>();
        foreach (var (route, method, endpoint) in ClientRoutes.Of(fixture.Api.Services))
        {
            var name = $"{method} {route}";
            var operation = Operation(route, method);
            var reads = HttpMethods.IsPost(method) && !BodylessPosts.Contains(endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName);
            if (reads && operation["requestBody"]?["content"] is not JsonObject { Count: > 0 })
            {
                failures.Add($"{name}: reads a body the document does not describe");
            }

            foreach (var (mediaType, media) in operation["requestBody"]?["content"]?.AsObject() ?? [])
            {
                Require(failures, $"{name} request {mediaType}", media!, mediaType);
            }

            foreach (var parameter in operation["parameters"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                if (parameter["description"] is null || parameter["example"] is null)
                {
                    failures.Add($"{name}: parameter {parameter["name"]} lacks a description or an example");
                }
            }

            var responses = operation["responses"]!.AsObject();
            var successes = responses.Where(r => r.Key.StartsWith('2')).ToList();
            if (successes.Count == 0)
            {
                failures.Add($"{name}: no success answer");
            }

            foreach (var (status, response) in responses)
            {
                if (status is "204" or "304")
                {
                    continue;
                }

                if (response!["content"] is not JsonObject { Count: > 0 } content)
                {
                    failures.Add($"{name} {status}: no content");
                    continue;
                }

                foreach (var (mediaType, media) in content)
                {
                    Require(failures, $"{name} {status} {mediaType}", media!, mediaType);
                    if (!status.StartsWith('2') && mediaType != "application/problem+json")
                    {
                        failures.Add($"{name} {status}: a failure that is not a problem document");
                    }
                }
            }

            var statuses = responses.Select(r => r.Key).ToHashSet();
            var expected = new List<string> { "400", "414", "429", "431", "500", "503" };
            if (operation["security"] is not null)
            {
                expected.AddRange(["401", "403"]);
            }

            failures.AddRange(expected.Where(s => !statuses.Contains(s)).Select(s => $"{name}: no {s} answer"));
            foreach (var status in new[] { "429", "503" })
            {
                if (responses[status]?["headers"]?["Retry-After"] is null)
                {
                    failures.Add($"{name} {status}: no Retry-After header");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Every_published_shape_has_a_readable_name_and_every_member_a_description()
    {
        var schemas = fixture.Contract.Document["components"]!["schemas"]!.AsObject();
        var failures = new List<string>();
        foreach (var (name, schema) in schemas)
        {
            if (!char.IsAsciiLetterUpper(name[0]) || name.Contains("Response", StringComparison.Ordinal) || name.Contains("Request", StringComparison.Ordinal))
            {
                failures.Add($"{name}: not a readable name (see SchemaNameAttribute)");
            }

            foreach (var (member, property) in schema!["properties"]?.AsObject() ?? [])
            {
                if (string.IsNullOrWhiteSpace(property!["description"]?.GetValue<string>()))
                {
                    failures.Add($"{name}.{member}: no description");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        foreach (var expected in new[] { "Log", "LogList", "AppendResult", "AppendBatch", "EventPage", "ViewStats", "Token", "Problem" })
        {
            Assert.True(schemas.ContainsKey(expected), $"no component schema {expected}");
        }
    }

    private JsonObject Operation(string route, string method) =>
        fixture.Contract.Document["paths"]![route]![method.ToLowerInvariant()]!.AsObject();

    /// <summary>A JSON body must name its shape and show an example; a raw one must say its media type's schema and show one.</summary>
    private static void Require(List<string> failures, string where, JsonNode media, string mediaType)
    {
        if (media["schema"] is not JsonObject schema)
        {
            failures.Add($"{where}: no schema");
            return;
        }

        if (media["example"] is null)
        {
            failures.Add($"{where}: no example");
        }

        var named = schema["$ref"] is not null || schema["allOf"] is not null || schema["type"]?.GetValue<string>() == "string";
        if (!named)
        {
            failures.Add($"{where}: an anonymous schema ({schema.ToJsonString()[..Math.Min(120, schema.ToJsonString().Length)]})");
        }
    }
}
