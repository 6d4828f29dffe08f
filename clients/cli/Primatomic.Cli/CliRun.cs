using System.CommandLine;
using Primatomic.Cli.Config;
using Primatomic.Cli.Output;
using Primatomic.Client;

namespace Primatomic.Cli;

/// <summary>One invocation of a command: its parsed arguments, where it prints, and the profile it acts as.</summary>
internal sealed class CliRun(CliConsole console, ParseResult parsed)
{
    public const string ProfileVariable = "PRIMATOMIC_PROFILE";
    public const string UrlVariable = "PRIMATOMIC_URL";
    public const string ApiKeyVariable = "PRIMATOMIC_API_KEY";

    public CliConsole Console => console;

    public CliOutput Output { get; } = new(console, parsed.GetValue(GlobalOptions.Json));

    public ProgressDisplay Progress { get; } = new(console, parsed.GetValue(GlobalOptions.Json));

    public ConfigStore ConfigStore { get; } = ConfigStore.Locate(console.Environment);

    public T? Get<T>(Option<T> option) => parsed.GetValue(option);

    public T? Get<T>(Argument<T> argument) => parsed.GetValue(argument);

    /// <summary>
    /// The profile this run acts as: <c>--profile</c>, else <c>$PRIMATOMIC_PROFILE</c>, else <c>$PRIMATOMIC_URL</c>
    /// with <c>$PRIMATOMIC_API_KEY</c> (for CI, with no config file), else the current profile.
    /// </summary>
    public (string Name, Profile Profile) ResolveProfile()
    {
        var named = parsed.GetValue(GlobalOptions.Profile) ?? console.Environment(ProfileVariable);
        if (named is null && console.Environment(UrlVariable) is { Length: > 0 } url)
        {
            return ("$" + UrlVariable, new Profile { Url = url, ApiKey = console.Environment(ApiKeyVariable) });
        }

        var config = ConfigStore.Load();
        var name = named ?? config.CurrentProfile ?? throw new CliException(
            ExitCodes.Auth,
            "No profile yet: run `primatomic profile set NAME --url URL --api-key-stdin` or `primatomic login --url URL --email EMAIL`.");
        return config.Profiles.TryGetValue(name, out var profile)
            ? (name, profile)
            : throw new CliException(ExitCodes.NotFound, $"There is no profile '{name}' (see `primatomic profile list`).");
    }

    /// <summary>A client for the resolved profile, signed in with its API key or its stored login token.</summary>
    public PrimatomicClient Connect()
    {
        var (name, profile) = ResolveProfile();
        if (profile.ApiKey is null && profile.AccessToken is null)
        {
            throw new CliException(ExitCodes.Auth, $"The profile '{name}' has no credentials: add --api-key-stdin with `profile set`, or run `primatomic login`.");
        }

        if (profile.ApiKey is null && profile.AccessTokenExpiresAt <= DateTimeOffset.UtcNow)
        {
            throw new CliException(ExitCodes.Auth, $"The sign-in of profile '{name}' has expired: run `primatomic login --profile {name}` again.");
        }

        return ClientFactory.Create(profile, name);
    }

    public async Task<string> ReadAllStdinTextAsync()
    {
        using var reader = new StreamReader(console.Input, leaveOpen: true);
        return await reader.ReadToEndAsync();
    }
}
