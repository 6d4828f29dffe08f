using System.CommandLine;
using Primatomic.Cli.Help;
using Primatomic.Cli.Output;
using Primatomic.Client;

namespace Primatomic.Cli.Commands;

/// <summary><c>keys create|list|revoke</c>: the tenant's API keys (needs <c>keys:manage</c>: an owner's login or key).</summary>
internal static class KeysCommands
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("keys", "Create, list and revoke API keys (needs an owner's sign-in or a key with keys:manage)")
        {
            CreateKey(console), List(console), Revoke(console),
        };
        return command.WithExamples(
            "primatomic keys create orders-service --scope logs:read --scope logs:write",
            "primatomic keys list",
            "primatomic keys revoke 8c2e...");
    }

    private static Command CreateKey(CliConsole console)
    {
        var name = new Argument<string>("name") { Description = "What the key is for" };
        var scopes = new Option<string[]>("--scope", "-s")
        {
            Description = "A scope the key holds (repeat it): logs:read, logs:write, views:deploy, views:query, keys:manage. Default: all but keys:manage",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "scope",
        };
        var command = new Command("create", "Create an API key; prints its secret, shown this once") { name, scopes };
        command.WithExamples(
            "API_KEY=$(primatomic keys create orders-service --scope logs:read --scope logs:write)",
            "primatomic keys create ci --json | jq -r .api_key | primatomic profile set ci --url $URL --api-key-stdin");
        command.RunWith(console, async (run, cancellationToken) =>
        {
            using var client = run.Connect();
            var chosen = run.Get(scopes) is { Length: > 0 } given ? given : [.. Scopes.Application];
            var created = await client.Auth.CreateApiKeyAsync(run.Get(name)!, chosen, cancellationToken);
            run.Output.Result(
                new { key_id = created.KeyId, name = created.Name, scopes = created.Scopes, created_at = created.CreatedAt, parent_key_id = created.ParentKeyId, api_key = created.ApiKey },
                o =>
                {
                    o.Line(created.ApiKey);
                    o.Note($"Created key {created.KeyId} ({string.Join(' ', created.Scopes)}). The secret above is shown only this once.");
                });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(CliConsole console)
    {
        var command = new Command("list", "List the tenant's API keys (never their secrets)").WithExamples("primatomic keys list --json");
        command.RunWith(console, async (run, cancellationToken) =>
        {
            using var client = run.Connect();
            var keys = (await client.Auth.ListApiKeysAsync(cancellationToken))
                .Select(k => new { key_id = k.KeyId, name = k.Name, scopes = k.Scopes, created_at = k.CreatedAt, parent_key_id = k.ParentKeyId })
                .ToList();
            run.Output.Result(new { keys }, o => o.Table(
                ["KEY ID", "NAME", "SCOPES", "CREATED", "PARENT"],
                keys.Select(k => (IReadOnlyList<string>)[k.key_id, k.name, string.Join(' ', k.scopes), Timestamps.Format(k.created_at), k.parent_key_id ?? ""])));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Revoke(CliConsole console)
    {
        var keyId = new Argument<string>("key-id") { Description = "The key to revoke; keys created through it are revoked too" };
        var command = new Command("revoke", "Revoke an API key and every key created through it") { keyId };
        command.WithExamples("primatomic keys revoke 8c2e4b7a-...");
        command.RunWith(console, async (run, cancellationToken) =>
        {
            using var client = run.Connect();
            await client.Auth.RevokeApiKeyAsync(run.Get(keyId)!, cancellationToken);
            run.Output.Result(new { revoked = run.Get(keyId) }, o => o.Note($"Revoked key {run.Get(keyId)}"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
