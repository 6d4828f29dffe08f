using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Primatomic.Functions.Auth;
using Primatomic.Functions.Hosting;
using Primatomic.Functions.Views;
using Primatomic.Functions.Views.Runtime;
using Primatomic.Testing;

namespace Primatomic.Tests.Infra;

/// <summary>The catalogue against infra/main.bicep's app settings and the options classes' defaults.</summary>
public sealed class AppSettingsCatalogTests
{
    [Fact]
    public async Task Bicep_app_settings_are_exactly_the_catalogue_azure_settings()
    {
        var settings = await BicepAppSettingsAsync();
        var bicep = settings.Keys.ToHashSet(StringComparer.Ordinal);
        var catalogue = AppSettingsCatalog.AzureSettings.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

        Assert.True(bicep.SetEquals(catalogue),
            $"missing from infra/modules/app.bicep: [{string.Join(", ", catalogue.Except(bicep).Order())}]; " +
            $"set by Bicep but not an Azure setting of AppSettingsCatalog: [{string.Join(", ", bicep.Except(catalogue).Order())}]");
    }

    [Fact]
    public void Catalogue_names_are_unique_and_described()
    {
        var duplicates = AppSettingsCatalog.All.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
        Assert.All(AppSettingsCatalog.All, s => Assert.False(string.IsNullOrWhiteSpace(s.Description), s.Name));
    }

    [Fact]
    public void Operations_doc_lists_every_catalogue_setting()
    {
        var doc = File.ReadAllText(RepoPaths.Combine("docs", "operations.md"));
        var missing = AppSettingsCatalog.All.Select(s => s.Name).Where(name => !doc.Contains($"`{name}`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"docs/operations.md does not list: [{string.Join(", ", missing)}]");
    }

    [Fact]
    public void Catalogue_holds_every_view_limit_and_placement_setting_and_no_other_views_setting()
    {
        var properties = ViewsSettings().Select(p => $"{ViewLimits.Section}__{p.Name}").Order();
        var catalogue = AppSettingsCatalog.All.Select(s => s.Name)
            .Where(n => n.StartsWith($"{ViewLimits.Section}__", StringComparison.Ordinal)).Order();
        Assert.Equal(properties, catalogue);
    }

    [Fact]
    public async Task Bicep_view_limits_are_the_code_defaults()
    {
        var settings = await BicepAppSettingsAsync();
        foreach (var property in ViewsSettings())
        {
            var expected = property.GetValue(Activator.CreateInstance(property.DeclaringType!)) switch
            {
                TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
                bool flag => flag ? "true" : "false",
                IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
                var other => other?.ToString(),
            };
            Assert.True(expected == settings[$"Views__{property.Name}"],
                $"Views__{property.Name}: Bicep sets {settings[$"Views__{property.Name}"]}, the code default is {expected}");
        }
    }

    /// <summary>Every setting of the Views section: the view limits and the placement options.</summary>
    private static IEnumerable<PropertyInfo> ViewsSettings() =>
        new[] { typeof(ViewLimits), typeof(Primatomic.Functions.Views.Placement.PlacementOptions) }
            .SelectMany(type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)).Where(p => p.CanWrite);

    [Fact]
    public async Task Bicep_parameter_defaults_are_the_code_defaults()
    {
        var parameters = (await CompiledTemplate.LoadAsync()).Root["parameters"]!;
        string? Default(string name) => parameters[name]?["defaultValue"]?.ToString();

        var auth = new AuthOptions();
        var rateLimits = new RateLimitOptions();
        Assert.Equal(auth.Issuer, Default("jwtIssuer"));
        Assert.Equal(auth.Audience, Default("jwtAudience"));
        Assert.Equal(auth.AccessTokenLifetimeSeconds.ToString(CultureInfo.InvariantCulture), Default("accessTokenLifetimeSeconds"));
        // Open sign-up is the local default (scripts/dev, tests) but never a deployment's unless the operator asks.
        Assert.True(auth.AllowSignup);
        Assert.Equal("false", Default("allowSignup"));
        Assert.Equal(rateLimits.RequestsPerSecond.ToString(CultureInfo.InvariantCulture), Default("rateLimitRps"));
        Assert.Equal(rateLimits.WindowSeconds.ToString(CultureInfo.InvariantCulture), Default("rateLimitWindowSeconds"));
        Assert.Equal(rateLimits.AuthRequestsPerMinute.ToString(CultureInfo.InvariantCulture), Default("authRateLimitPerMinute"));
        Assert.Equal(new StorageOptions().NamePrefix, Default("storageNamePrefix"));
    }

    [Fact]
    public async Task Identity_based_connections_use_the_managed_identity_and_the_agreed_names()
    {
        var settings = await BicepAppSettingsAsync();
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("managedidentity", settings["EventHubConnection__credential"]);
        Assert.Contains("clientId", settings["AzureWebJobsStorage__clientId"], StringComparison.Ordinal);
        Assert.Equal(settings["AzureWebJobsStorage__clientId"], settings["EventHubConnection__clientId"]);
        Assert.Equal($"[format('ClientId={{0}};Authorization=AAD', {settings["AzureWebJobsStorage__clientId"]![1..^1]})]",
            settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Equal("client-ip", settings["CLIENT_IP_HEADER"]);
    }

    /// <summary>The app settings infra/modules/app.bicep gives the function app, name to value (ARM expressions kept).</summary>
    private static async Task<Dictionary<string, string?>> BicepAppSettingsAsync()
    {
        var site = Assert.Single((await CompiledTemplate.LoadAsync()).ModuleNamed("app").Resources("Microsoft.Web/sites"));
        var settings = ((JsonArray)site["properties"]!["siteConfig"]!["appSettings"]!).OfType<JsonObject>().ToList();
        var names = settings.Select(s => (string)s["name"]!).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        return settings.ToDictionary(s => (string)s["name"]!, s => s["value"]?.ToString(), StringComparer.Ordinal);
    }
}
