using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Primatomic.Tests.Infra;

/// <summary>The compiled infra/main.bicep: hosting, secure defaults, no keys, and the identity's roles.</summary>
public sealed partial class InfraTemplateTests
{
    [Fact]
    public async Task Function_app_runs_the_custom_handler_runtime_on_a_flex_consumption_plan()
    {
        var app = (await CompiledTemplate.LoadAsync()).ModuleNamed("app");
        var plan = Assert.Single(app.Resources("Microsoft.Web/serverfarms"));
        Assert.Equal("FC1", (string?)plan["sku"]?["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]?["tier"]);

        var site = Assert.Single(app.Resources("Microsoft.Web/sites"));
        Assert.Contains("Microsoft.Web/serverfarms", (string?)site["properties"]?["serverFarmId"], StringComparison.Ordinal);
        var config = site["properties"]?["functionAppConfig"];
        Assert.Equal("custom", (string?)config?["runtime"]?["name"]);
        Assert.Equal("1.0", (string?)config?["runtime"]?["version"]);
        Assert.Equal("blobContainer", (string?)config?["deployment"]?["storage"]?["type"]);
        Assert.Equal("UserAssignedIdentity", (string?)config?["deployment"]?["storage"]?["authentication"]?["type"]);
        Assert.Equal("UserAssigned", (string?)site["identity"]?["type"]);
        Assert.True((bool?)site["properties"]?["httpsOnly"]);
        Assert.Equal("1.2", (string?)site["properties"]?["siteConfig"]?["minTlsVersion"]);
        Assert.Equal("Disabled", (string?)site["properties"]?["siteConfig"]?["ftpsState"]);
    }

    [Fact]
    public async Task The_platform_cors_list_stays_empty_so_the_handler_alone_answers_cors()
    {
        var site = Assert.Single((await CompiledTemplate.LoadAsync()).ModuleNamed("app").Resources("Microsoft.Web/sites"));
        var cors = site["properties"]?["siteConfig"]?["cors"];
        Assert.NotNull(cors);
        Assert.Empty((JsonArray)cors["allowedOrigins"]!);
        Assert.False((bool?)cors["supportCredentials"]);
    }

    [Fact]
    public async Task Storage_event_hubs_and_app_insights_refuse_key_based_access()
    {
        var template = await CompiledTemplate.LoadAsync();
        var storage = Assert.Single(template.Created("Microsoft.Storage/storageAccounts"));
        Assert.False((bool?)storage["properties"]?["allowSharedKeyAccess"]);
        Assert.False((bool?)storage["properties"]?["allowBlobPublicAccess"]);
        Assert.Equal("TLS1_2", (string?)storage["properties"]?["minimumTlsVersion"]);

        var eventHubs = Assert.Single(template.Created("Microsoft.EventHub/namespaces"));
        Assert.Equal("Standard", (string?)eventHubs["sku"]?["name"]);
        Assert.True((bool?)eventHubs["properties"]?["disableLocalAuth"]);
        Assert.Equal("1.2", (string?)eventHubs["properties"]?["minimumTlsVersion"]);

        var appInsights = Assert.Single(template.Created("Microsoft.Insights/components"));
        Assert.True((bool?)appInsights["properties"]?["DisableLocalAuth"]);
    }

    [Fact]
    public async Task No_keys_sas_or_connection_strings_appear_anywhere_but_the_app_insights_endpoint()
    {
        var template = await CompiledTemplate.LoadAsync();
        var site = Assert.Single(template.ModuleNamed("app").Resources("Microsoft.Web/sites"));
        var settings = (JsonArray)site["properties"]!["siteConfig"]!["appSettings"]!;

        // The one exception: APPLICATIONINSIGHTS_CONNECTION_STRING only names the ingestion endpoint and the
        // component's id (not a secret); the component has local auth disabled, so ingestion needs the identity's
        // Entra token. Everything else must be free of keys and connection strings.
        var appInsightsSetting = Assert.Single(settings, s => (string?)s?["name"] == "APPLICATIONINSIGHTS_CONNECTION_STRING");
        Assert.Matches(@"^\[reference\('appInsights'\)\.ConnectionString\]$", (string?)appInsightsSetting!["value"]);
        var rest = template.Text.Replace((string)appInsightsSetting["value"]!, "", StringComparison.Ordinal);

        foreach (var forbidden in new[] { "AccountKey=", "SharedAccessKey", "SharedAccessSignature", "ConnectionString", "DefaultEndpointsProtocol" })
        {
            Assert.DoesNotContain(forbidden, rest, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotMatch(ListFunctionCall(), rest);
        var names = settings.Select(s => (string?)s?["name"]).ToList();
        Assert.DoesNotContain("AzureWebJobsStorage", names);
        Assert.DoesNotContain("EventHubConnection", names);
        Assert.DoesNotContain(names, name => name is "FUNCTIONS_WORKER_RUNTIME" or "FUNCTIONS_EXTENSION_VERSION" or "WEBSITE_RUN_FROM_PACKAGE"
            || name!.StartsWith("WEBSITE_CONTENT", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Microsoft.Storage/storageAccounts", "storageAccountName", "storage", "accountName")]
    [InlineData("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Microsoft.Storage/storageAccounts", "storageAccountName", "storage", "accountName")]
    [InlineData("974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Microsoft.Storage/storageAccounts", "storageAccountName", "storage", "accountName")]
    [InlineData("2b629674-e913-4c01-ae53-ef4638d8f975", "Microsoft.EventHub/namespaces", "eventHubNamespaceName", "eventhubs", "namespaceName")]
    [InlineData("a638d3c7-ab3a-418d-83e6-5f17a39d4fde", "Microsoft.EventHub/namespaces", "eventHubNamespaceName", "eventhubs", "namespaceName")]
    [InlineData("3913510d-42f4-4e42-8a64-420c390055eb", "Microsoft.Insights/components", "appInsightsName", "monitoring", "appInsightsName")]
    public async Task App_identity_holds_each_role_at_the_scope_of_the_resource_it_needs(
        string roleId, string scopeType, string scopeParameter, string owningModule, string owningParameter)
    {
        var template = await CompiledTemplate.LoadAsync();
        var rbac = template.ModuleNamed("rbac");
        var assignment = Assert.Single(rbac.Resources("Microsoft.Authorization/roleAssignments"),
            r => ((string?)r["properties"]?["roleDefinitionId"] ?? "").Contains(roleId, StringComparison.Ordinal));

        var scope = $"[resourceId('{scopeType}', parameters('{scopeParameter}'))]";
        Assert.Equal(scope, (string?)assignment["scope"]);
        Assert.Equal($"[guid({scope[1..^1]}, parameters('principalId'), '{roleId}')]", (string?)assignment["name"]);
        Assert.Equal("[parameters('principalId')]", (string?)assignment["properties"]?["principalId"]);
        Assert.Equal("ServicePrincipal", (string?)assignment["properties"]?["principalType"]);
        Assert.Equal($"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '{roleId}')]",
            (string?)assignment["properties"]?["roleDefinitionId"]);

        // The scope is the very resource the owning module creates...
        Assert.Equal(template.ModuleNamed(owningModule).Parameter(owningParameter), rbac.Parameter(scopeParameter));

        // ...and the principal is the app's own identity: the one user-assigned identity, which the app runs as.
        var identity = Assert.Single(template.Created("Microsoft.ManagedIdentity/userAssignedIdentities"));
        var identityName = ((string)identity["name"]!)[1..^1];
        Assert.Equal($"[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', {identityName}), '2023-01-31').principalId]",
            rbac.Parameter("principalId"));
        Assert.Equal((string?)identity["name"], template.ModuleNamed("app").Parameter("identityName"));
    }

    [GeneratedRegex(@"\blist\w*\(", RegexOptions.IgnoreCase)]
    private static partial Regex ListFunctionCall();
}
