using System.Text.Json;
using Primatomic.Testing;

namespace Primatomic.Tests.Hosting;

public sealed class HostJsonTests
{
    private static JsonElement HostJson() =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("host.json"))).RootElement;

    [Fact]
    public void Host_json_forwards_http_requests_to_the_handler_without_an_api_prefix()
    {
        var host = HostJson();
        Assert.Equal("2.0", host.GetProperty("version").GetString());
        Assert.Equal("", host.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.True(host.GetProperty("customHandler").GetProperty("enableForwardingHttpRequest").GetBoolean());
    }

    [Fact]
    public void Host_json_starts_the_handler_executable_this_project_builds()
    {
        var path = HostJson().GetProperty("customHandler").GetProperty("description").GetProperty("defaultExecutablePath").GetString();
        Assert.Equal(Path.GetFileNameWithoutExtension(ServiceProcess.HandlerAssembly), path);
    }
}
