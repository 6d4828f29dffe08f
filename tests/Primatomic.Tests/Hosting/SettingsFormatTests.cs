using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Primatomic.Functions.Auth;
using Primatomic.Functions.Fanout;
using Primatomic.Functions.Hosting;
using Primatomic.Functions.Logs;
using Primatomic.Functions.Views;
using Primatomic.Testing;

namespace Primatomic.Tests.Hosting;

/// <summary>A setting with a bad value stops start-up with one line naming it, its value and the form it must take.</summary>
public sealed class SettingsFormatTests
{
    [Theory]
    [InlineData("Views__QueryWaitTimeout", "2s", "a duration")]
    [InlineData("RATE_LIMIT_RPS", "ten", "a whole number")]
    [InlineData("RATE_LIMIT_RPS", "0", "from 1 to")]
    [InlineData("ALLOW_SIGNUP", "maybe", "true or false")]
    [InlineData("CORS_ALLOWED_ORIGINS", "https://app.example.com/", "comma-separated list of origins")]
    public async Task A_bad_setting_stops_start_up_with_one_line(string setting, string value, string form)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(ServiceProcess.HandlerAssembly);
        start.Environment["AzureWebJobsStorage"] = "UseDevelopmentStorage=true";
        start.Environment["PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment[setting] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.NotEqual(0, process.ExitCode);
        var lines = ((await output) + (await error)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith($"Setting {setting}=\"{value}\" is not valid: expected ", line, StringComparison.Ordinal);
        Assert.Contains(form, line, StringComparison.Ordinal);
    }

    public static TheoryData<string> TypedSettings()
    {
        var data = new TheoryData<string>();
        foreach (var (name, property) in SettingForms.All)
        {
            var type = property.PropertyType;
            if (type == typeof(int) || type == typeof(long) || type == typeof(TimeSpan) || type == typeof(bool))
            {
                data.Add(name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TypedSettings))]
    public async Task Every_typed_setting_reports_a_value_of_the_wrong_form_by_its_name(string setting)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            [setting.Replace("__", ":", StringComparison.Ordinal)] = "not-a-value",
        });
        builder.AddHosting();
        builder.AddAuth();
        builder.AddLogs();
        builder.AddViews();
        builder.AddFanout();
        await using var app = builder.Build();

        var line = Assert.Single(SettingsCheck.Run(app.Services));
        Assert.StartsWith($"Setting {setting}=\"not-a-value\" is not valid: expected ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_setting_an_options_type_reads_is_in_the_catalogue()
    {
        var catalogued = AppSettingsCatalog.All.Select(setting => setting.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(SettingForms.All.Keys, name => Assert.Contains(name, catalogued));
    }

    [Fact]
    public async Task A_secret_setting_is_never_echoed()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["ADMIN_EMAIL"] = "admin@example.test",
            ["ADMIN_PASSWORD"] = "short-pw",
        });
        builder.AddHosting();
        builder.AddAuth();
        await using var app = builder.Build();

        var line = Assert.Single(SettingsCheck.Run(app.Services));
        Assert.DoesNotContain("short-pw", line, StringComparison.Ordinal);
        Assert.Contains("ADMIN_PASSWORD", line, StringComparison.Ordinal);
    }
}
