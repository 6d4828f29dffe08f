using System.CommandLine;
using Primatomic.Cli.Config;
using Primatomic.Cli.Help;
using Spectre.Console;
using Profile = Primatomic.Cli.Config.Profile;

namespace Primatomic.Cli.Commands;

/// <summary>
/// <c>login</c>: signs in with an email and password and keeps the token (never the password) in the profile. The
/// token lasts as long as the service issues it for (an hour by default); an API key profile never needs this.
/// </summary>
internal static class LoginCommand
{
    public static Command Create(CliConsole console)
    {
        var url = new Option<string?>("--url") { Description = "The service's base URL (needed when the profile is new)" };
        var email = new Option<string>("--email") { Description = "Your account's email", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from stdin instead of prompting" };
        var tenant = new Option<string?>("--tenant") { Description = "Act inside this tenant (X-Tenant-ID; platform admins only)" };
        var command = new Command("login", "Sign in with email and password; stores the token (not the password) in the profile")
        {
            url, email, passwordStdin, tenant,
        };
        command.WithExamples(
            "primatomic login --url http://127.0.0.1:7071 --email owner@example.com",
            "echo \"$PASSWORD\" | primatomic login --profile prod --email owner@example.com --password-stdin");
        command.RunWith(console, async (run, cancellationToken) =>
        {
            var store = run.ConfigStore;
            var config = store.Load();
            var name = run.Get(GlobalOptions.Profile) ?? run.Console.Environment(CliRun.ProfileVariable) ?? config.CurrentProfile ?? "default";
            var existing = config.Profiles.GetValueOrDefault(name);
            if (existing?.ApiKey is not null && run.Get(GlobalOptions.Profile) is null)
            {
                // Replacing a key with a login token is rarely meant; say which profile to name instead.
                throw CliException.Usage($"The profile '{name}' signs in with an API key; to sign in with a password, name a profile: `primatomic login --profile NAME ...`.");
            }

            var baseUrl = ServiceUrl.Parse(run.Get(url)) ?? existing?.Url
                ?? throw CliException.Usage($"The profile '{name}' is new: give the service's --url.");
            var password = run.Get(passwordStdin) ? (await run.ReadAllStdinTextAsync()).TrimEnd('\r', '\n') : Prompt(run);

            using var client = ClientFactory.Create(new Profile { Url = baseUrl }, name);
            var token = await client.Auth.LoginAsync(run.Get(email)!, password, cancellationToken);
            var profile = new Profile
            {
                Url = baseUrl,
                Email = run.Get(email),
                AccessToken = token.AccessToken,
                AccessTokenExpiresAt = DateTimeOffset.UtcNow.AddSeconds(token.ExpiresIn),
                Tenant = run.Get(tenant) ?? existing?.Tenant,
            };
            config.Profiles[name] = profile;
            store.Save(config with { CurrentProfile = config.CurrentProfile ?? name });
            run.Output.Result(
                new { profile = name, url = baseUrl, email = profile.Email, expires_at = profile.AccessTokenExpiresAt },
                o => o.Note($"Signed in as {profile.Email}; profile '{name}' holds the token until {profile.AccessTokenExpiresAt:u}."));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Prompt(CliRun run)
    {
        if (!run.Console.InputIsTerminal || !run.Console.ErrorIsTerminal)
        {
            throw CliException.Usage("No terminal to ask for the password: use --password-stdin.");
        }

        var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(run.Console.Error) });
        return terminal.Prompt(new TextPrompt<string>("Password:").Secret());
    }
}
