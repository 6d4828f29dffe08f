using System.Net;
using Primatomic.Testing;

namespace Primatomic.Tests.Hosting;

/// <summary>The real executable, started the way the Functions host starts it.</summary>
public sealed class ListenAddressTests
{
    [Fact]
    public async Task Handler_listens_on_FUNCTIONS_CUSTOMHANDLER_PORT_and_answers_the_readiness_probe()
    {
        var azurite = await SharedAzurite.GetAsync();
        var hostPort = FreePort.Next();
        await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["STORAGE_NAME_PREFIX"] = SharedAzurite.UniquePrefix(),
            ["FUNCTIONS_CUSTOMHANDLER_PORT"] = hostPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{hostPort}/") };
        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Handler_refuses_to_start_without_storage_configuration()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ServiceProcess.StartAsync(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "",
        }));
        Assert.Contains("AzureWebJobsStorage", failure.Message, StringComparison.Ordinal);
    }
}
