using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Primatomic.Testing;
using Primatomic.Tests.Logs;

namespace Primatomic.Tests.Clients.TypeScript;

/// <summary>
/// A web app on another origin than the service, as a browser user's would be: a blank page and the TypeScript
/// client's built modules under <c>/client/</c>, served from their own port; and a service that lists that origin in
/// CORS_ALLOWED_ORIGINS. A page loaded from <see cref="Origin"/> can then only reach the service through CORS.
/// </summary>
public sealed class CrossOriginPage : IAsyncLifetime
{
    private WebApplication _site = null!;

    public Uri Origin { get; private set; } = null!;

    public ServiceProcess Service { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await TypeScriptPackage.EnsureBuiltAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _site = builder.Build();
        _site.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(TypeScriptPackage.Folder, "dist")),
            RequestPath = "/client",
        });
        _site.MapGet("/", () => Microsoft.AspNetCore.Http.Results.Content("<!doctype html><title>app</title>", "text/html"));
        await _site.StartAsync();
        Origin = new Uri(_site.Urls.First().TrimEnd('/') + "/");

        var settings = LogsHttp.ServiceSettings(await SharedAzurite.GetAsync(), SharedAzurite.UniquePrefix());
        settings["CORS_ALLOWED_ORIGINS"] = Origin.GetLeftPart(UriPartial.Authority);
        Service = await ServiceProcess.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        await _site.StopAsync();
        await _site.DisposeAsync();
    }
}
