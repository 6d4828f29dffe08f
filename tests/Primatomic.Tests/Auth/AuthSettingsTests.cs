using Microsoft.Extensions.Options;
using Primatomic.Testing;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Auth;

public sealed class AuthSettingsTests
{
    [Theory]
    [InlineData("ACCESS_TOKEN_LIFETIME_SECS", "59")]
    [InlineData("ACCESS_TOKEN_LIFETIME_SECS", "86401")]
    [InlineData("JWT_ISSUER", "")]
    public async Task Out_of_range_auth_settings_fail_start_up(string name, string value)
    {
        await using var api = new ApiFactory(await SharedAzurite.GetAsync(), new Dictionary<string, string?> { [name] = value });
        var error = Record.Exception(() => api.CreateClient());
        Assert.NotNull(error);
        Assert.Contains(error is AggregateException aggregate ? aggregate.InnerExceptions : [error], e => e is OptionsValidationException);
    }
}
