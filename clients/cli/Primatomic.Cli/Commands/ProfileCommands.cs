using System.CommandLine;
using Primatomic.Cli.Config;
using Primatomic.Cli.Help;

namespace Primatomic.Cli.Commands;

/// <summary><c>profile set|list|use|remove</c>: the services and credentials kept in the user's config file.</summary>
internal static class ProfileCommands
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("profile", "Manage profiles: a service URL with its credentials, kept in a file only you can read")
        {
            Set(console), List(console), Use(console), Remove(console),
        };
        return command.WithExamples(
            "primatomic profile set prod --url https://func-abc.azurewebsites.net --api-key-stdin < key.txt",
            "primatomic profile list");
    }

    private static Command Set(CliConsole console)
    {
        var name = new Argument<string>("name") { Description = "The profile's name" };
        var url = new Option<string?>("--url") { Description = "The service's base URL (required for a new profile)" };
        var apiKey = new Option<string?>("--api-key") { Description = "An API key (pk_...); prefer --api-key-stdin, which keeps it out of shell history" };
        var apiKeyStdin = new Option<bool>("--api-key-stdin") { Description = "Read the API key from stdin" };
        var tenant = new Option<string?>("--tenant") { Description = "Act inside this tenant (X-Tenant-ID; platform admins only)" };
        var command = new Command("set", "Create or update a profile; the first one becomes the current one")
        {
            name, url, apiKey, apiKeyStdin, tenant,
        };
        command.WithExamples(
            "primatomic profile set local --url http://127.0.0.1:7071 --api-key-stdin < key.txt",
            "echo \"$API_KEY\" | primatomic profile set ci --url https://func-abc.azurewebsites.net --api-key-stdin");
        command.RunWith(console, async (run, _) =>
        {
            var profileName = run.Get(name)!;
            var store = run.ConfigStore;
            var config = store.Load();
            var existing = config.Profiles.GetValueOrDefault(profileName);
            var baseUrl = ServiceUrl.Parse(run.Get(url)) ?? existing?.Url
                ?? throw CliException.Usage($"The profile '{profileName}' is new: give its --url.");
            var key = run.Get(apiKeyStdin) ? (await run.ReadAllStdinTextAsync()).Trim() : run.Get(apiKey);
            var profile = (existing ?? new Profile { Url = baseUrl }) with { Url = baseUrl, Tenant = run.Get(tenant) ?? existing?.Tenant };
            if (key is { Length: > 0 })
            {
                profile = profile with { ApiKey = key, AccessToken = null, AccessTokenExpiresAt = null, Email = null };
            }

            config.Profiles[profileName] = profile;
            store.Save(config with { CurrentProfile = config.CurrentProfile ?? profileName });
            run.Output.Result(
                new { profile = profileName, url = profile.Url, credentials = profile.CredentialKind, config = store.Path },
                o => o.Note($"Saved profile '{profileName}' in {store.Path}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(CliConsole console)
    {
        var command = new Command("list", "List profiles (never their secrets)").WithExamples("primatomic profile list --json");
        command.RunWith(console, (run, _) =>
        {
            var config = run.ConfigStore.Load();
            var rows = config.Profiles.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new
            {
                name = p.Key,
                current = p.Key == config.CurrentProfile,
                url = p.Value.Url,
                credentials = p.Value.CredentialKind,
                tenant = p.Value.Tenant,
            }).ToList();
            run.Output.Result(new { profiles = rows }, o => o.Table(
                ["", "NAME", "URL", "CREDENTIALS", "TENANT"],
                rows.Select(r => (IReadOnlyList<string>)[r.current ? "*" : "", r.name, r.url, r.credentials, r.tenant ?? ""])));
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static Command Use(CliConsole console)
    {
        var name = new Argument<string>("name") { Description = "The profile commands use from now on" };
        var command = new Command("use", "Make a profile the current one") { name }.WithExamples("primatomic profile use prod");
        command.RunWith(console, (run, _) =>
        {
            var config = run.ConfigStore.Load();
            var profileName = run.Get(name)!;
            if (!config.Profiles.ContainsKey(profileName))
            {
                throw new CliException(ExitCodes.NotFound, $"There is no profile '{profileName}' (see `primatomic profile list`).");
            }

            run.ConfigStore.Save(config with { CurrentProfile = profileName });
            run.Output.Result(new { current_profile = profileName }, o => o.Note($"Now using profile '{profileName}'"));
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static Command Remove(CliConsole console)
    {
        var name = new Argument<string>("name") { Description = "The profile to forget, with its credentials" };
        var command = new Command("remove", "Delete a profile and its stored credentials") { name }.WithExamples("primatomic profile remove old");
        command.RunWith(console, (run, _) =>
        {
            var config = run.ConfigStore.Load();
            var profileName = run.Get(name)!;
            if (!config.Profiles.Remove(profileName))
            {
                throw new CliException(ExitCodes.NotFound, $"There is no profile '{profileName}'.");
            }

            run.ConfigStore.Save(config with { CurrentProfile = config.CurrentProfile == profileName ? null : config.CurrentProfile });
            run.Output.Result(new { removed = profileName }, o => o.Note($"Removed profile '{profileName}'"));
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
