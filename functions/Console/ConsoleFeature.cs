using Primatomic.Functions.Hosting;

// Not Primatomic.Functions.Console: that namespace would hide System.Console from every other feature.
namespace Primatomic.Functions.WebConsole;

/// <summary>
/// The web console: a page at <see cref="PagePath"/> and its assets under <c>/console/{file}</c>, shipped inside this
/// assembly (plain HTML, CSS and JavaScript modules; no build step, nothing fetched from elsewhere). The routes are
/// anonymous because they hold no data: the page signs in and calls the public API with the user's token, through
/// URLs relative to the page, so it works wherever the service is reached (scripts/dev, the Functions host, Azure).
/// </summary>
public static class ConsoleFeature
{
    public const string PagePath = "/console";

    public static WebApplicationBuilder AddConsole(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(ConsoleAssets.FromAssembly());
        return builder;
    }

    public static IEndpointRouteBuilder MapConsoleApi(this IEndpointRouteBuilder endpoints)
    {
        // Pages, not API: like /docs they stay out of the OpenAPI document, which describes what clients call.
        endpoints.MapGet(PagePath, Page).WithName("Console").AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet(PagePath + "/{file}", Asset).WithName("ConsoleAsset").AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static IResult Page(HttpContext http, ConsoleAssets assets)
    {
        // The page's links are relative to its folder: "/console/" would resolve them under /console/console/.
        if (http.Request.Path.Value?.EndsWith('/') == true)
        {
            return TypedResults.Redirect("../console");
        }

        return assets.Serve(http, ConsoleAssets.PageFile);
    }

    private static IResult Asset(string file, HttpContext http, ConsoleAssets assets)
    {
        if (file == ConsoleAssets.PageFile || !assets.Contains(file))
        {
            throw new ApiException(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"The console has no file '{file}'.");
        }

        return assets.Serve(http, file);
    }
}
