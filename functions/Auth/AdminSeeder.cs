using Microsoft.Extensions.Options;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Auth;

/// <summary>
/// Seeds the platform admin (with a home tenant) on first boot from ADMIN_EMAIL / ADMIN_PASSWORD. Idempotent: an
/// existing account is left alone (its password is not reset), and two instances racing end with one admin.
/// </summary>
internal sealed partial class AdminSeeder(AccountStore accounts, IOptions<AuthOptions> options, ILogger<AdminSeeder> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (o.AdminEmail is null || o.AdminPassword is null)
        {
            LogNotConfigured(logger);
            return;
        }

        var email = o.AdminEmail;
        if (await accounts.FindByEmailAsync(email, cancellationToken) is { } existing)
        {
            if (existing.Role != Roles.Admin)
            {
                LogNotAdmin(logger, existing.UserId);
            }

            return;
        }

        try
        {
            var admin = await accounts.CreateTenantAsync(email, PasswordHasher.Hash(o.AdminPassword), Roles.Admin, cancellationToken);
            LogSeeded(logger, admin.UserId, admin.TenantId);
        }
        catch (ApiException e) when (e.Code == ErrorCodes.Conflict)
        {
            // Another instance seeded it at the same moment.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "ADMIN_EMAIL or ADMIN_PASSWORD is not set; no platform admin was seeded")]
    private static partial void LogNotConfigured(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The ADMIN_EMAIL account ({UserId}) exists but is not an admin; left unchanged")]
    private static partial void LogNotAdmin(ILogger logger, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the platform admin {UserId} with home tenant {TenantId}")]
    private static partial void LogSeeded(ILogger logger, string userId, string tenantId);
}
