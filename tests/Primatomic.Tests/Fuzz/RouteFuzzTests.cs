using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Primatomic.Testing;
using Primatomic.Tests.Contract;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Logs;
using Xunit.Abstractions;

namespace Primatomic.Tests.Fuzz;

/// <summary>
/// Thousands of hostile requests from a fixed seed over every route the app maps (read from its EndpointDataSource,
/// so a new route is covered the day it is added), sent as raw bytes to the handler running as its own process, so
/// Kestrel's own rejections are judged too. FUZZ_SEED and FUZZ_REQUESTS override the seed and the count.
/// </summary>
public sealed class RouteFuzzTests(ITestOutputHelper output)
{
    private const int DefaultSeed = 20261130;
    private const int DefaultRequests = 3000;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);
    private ContractJudge _contract = null!;

    [Fact]
    public async Task Hostile_requests_to_every_route_get_no_5xx_no_stack_trace_and_a_documented_problem_with_a_code()
    {
        var seed = FromEnvironment("FUZZ_SEED", DefaultSeed);
        var count = FromEnvironment("FUZZ_REQUESTS", DefaultRequests);
        output.WriteLine($"fuzz seed {seed} ({count} requests); rerun with FUZZ_SEED={seed}");
        var routes = await RoutesAsync();
        output.WriteLine($"routes: {string.Join(", ", routes)}");

        var azurite = await SharedAzurite.GetAsync();
        await using var service = await ServiceProcess.StartAsync(LogsHttp.ServiceSettings(azurite, SharedAzurite.UniquePrefix()));
        var context = await FuzzSetup.PrepareAsync(service);
        using (var reader = service.CreateClient())
        {
            _contract = new ContractJudge(PublishedContract.Parse(await reader.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative))));
        }

        var fuzzer = new RequestFuzzer(routes, context, seed);
        var failures = new ConcurrentBag<(string Fault, FuzzCase Case, int? Status)>();
        var acceptedBadQueries = new ConcurrentBag<FuzzCase>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (index, _) =>
        {
            var request = fuzzer.Create(index);
            RawHttp.Response? response;
            try
            {
                response = await RawHttp.SendAsync(service.Port, request.Bytes, RequestTimeout);
            }
            catch (OperationCanceledException)
            {
                failures.Add(($"no answer within {RequestTimeout.TotalSeconds} s", request, null));
                return;
            }

            if ((ResponseJudge.Fault(request, response) ?? _contract.Fault(request, response)) is { } fault)
            {
                failures.Add((fault, request, response?.Status));
            }

            if (request.HasBadQuery && request.Template.StartsWith("/logs", StringComparison.Ordinal) && response?.Status is >= 200 and < 300)
            {
                acceptedBadQueries.Add(request);
            }
        });

        // Not (yet) a failure: unknown and malformed query parameters should be 400 on the logs routes (issue 9).
        output.WriteLine($"info: {acceptedBadQueries.Count} /logs requests with an unknown or invalid query parameter answered 2xx, e.g.\n    " +
                         string.Join("\n    ", acceptedBadQueries.OrderBy(c => c.Index).Take(5).Select(c => c.Description)));

        var report = failures.GroupBy(f => f.Fault).OrderByDescending(g => g.Count())
            .Select(g => $"{g.Count()} × {g.Key}, e.g.\n    " + string.Join("\n    ", g.OrderBy(f => f.Case.Index).Take(4).Select(f => f.Case.Description)))
            .ToList();
        foreach (var line in report)
        {
            output.WriteLine(line);
        }

        Assert.True(failures.IsEmpty, $"fuzz seed {seed}: {failures.Count} of {count} answers were wrong:\n{string.Join("\n", report)}");
    }

    private static async Task<List<FuzzRoute>> RoutesAsync()
    {
        await using var factory = await ApiFactory.CreateAsync();
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        return endpoints.OfType<RouteEndpoint>()
            .Select(e => new FuzzRoute(e.RoutePattern.RawText ?? "/", e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToList() ?? ["GET"]))
            .DistinctBy(r => r.ToString())
            .ToList();
    }

    private static int FromEnvironment(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
