using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Primatomic.Functions.Auth;

namespace Primatomic.Tests.Auth;

/// <summary>The settings are bound and validated through the real AddAuth wiring (without starting a server).</summary>
public sealed class AuthSettingsTests
{
    [Theory]
    [InlineData("ACCESS_TOKEN_LIFETIME_SECS", "59")]
    [InlineData("ACCESS_TOKEN_LIFETIME_SECS", "86401")]
    [InlineData("JWT_ISSUER", "")]
    [InlineData("JWT_AUDIENCE", " ")]
    [InlineData("ADMIN_EMAIL", "not an email")]
    [InlineData("ADMIN_PASSWORD", "short")]
    [InlineData("AUTH_MAX_CONCURRENT_HASHES", "-1")]
    [InlineData("AUTH_MAX_CONCURRENT_HASHES", "65")]
    public async Task Invalid_auth_settings_are_rejected(string name, string value)
    {
        await using var app = Build(new() { [name] = value });
        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<AuthOptions>>().Value);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Defaults_are_the_documented_ones()
    {
        await using var app = Build([]);
        var options = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        Assert.True(options.AllowSignup);
        Assert.Equal("primatomic", options.Issuer);
        Assert.Equal("primatomic-api", options.Audience);
        Assert.Equal(3600, options.AccessTokenLifetimeSeconds);
        Assert.Equal(0, options.MaxConcurrentHashes);
        Assert.Equal(Math.Max(1, Environment.ProcessorCount / 2), options.EffectiveMaxConcurrentHashes);
        Assert.Null(options.AdminEmail);
    }

    [Fact]
    public async Task Flat_setting_names_are_bound()
    {
        await using var app = Build(new()
        {
            ["ALLOW_SIGNUP"] = "false", ["JWT_ISSUER"] = "iss", ["JWT_AUDIENCE"] = "aud", ["ACCESS_TOKEN_LIFETIME_SECS"] = "120",
            ["ADMIN_EMAIL"] = "root@example.test", ["ADMIN_PASSWORD"] = "0123456789",
        });
        var options = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        Assert.False(options.AllowSignup);
        Assert.Equal(("iss", "aud", 120), (options.Issuer, options.Audience, options.AccessTokenLifetimeSeconds));
        Assert.Equal(("root@example.test", "0123456789"), (options.AdminEmail, options.AdminPassword));
    }

    private static WebApplication Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        // Only these settings: the machine's environment variables must not leak in.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddAuth();
        return builder.Build();
    }
}
