using System.ComponentModel.DataAnnotations;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Auth;

/// <summary>Auth settings, bound from the flat names documented in docs/api/auth.md.</summary>
public sealed class AuthOptions : IValidatableObject
{
    /// <summary><c>ALLOW_SIGNUP</c>: whether <c>POST /auth/register</c> may create tenants.</summary>
    [Setting("ALLOW_SIGNUP")]
    public bool AllowSignup { get; set; } = true;

    /// <summary><c>ADMIN_EMAIL</c>: the platform admin seeded on first boot; unset means no admin is seeded.</summary>
    [Setting("ADMIN_EMAIL")]
    public string? AdminEmail { get; set; }

    /// <summary><c>ADMIN_PASSWORD</c>: the seeded admin's password (only used when the admin does not exist yet).</summary>
    [Setting("ADMIN_PASSWORD", Secret = true)]
    public string? AdminPassword { get; set; }

    /// <summary><c>JWT_ISSUER</c>: the <c>iss</c> of every token we mint and accept.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "JWT_ISSUER must not be empty.")]
    [Setting("JWT_ISSUER")]
    public string Issuer { get; set; } = "primatomic";

    /// <summary><c>JWT_AUDIENCE</c>: the <c>aud</c> of every token we mint and accept.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "JWT_AUDIENCE must not be empty.")]
    [Setting("JWT_AUDIENCE")]
    public string Audience { get; set; } = "primatomic-api";

    /// <summary><c>ACCESS_TOKEN_LIFETIME_SECS</c>: how long an access token is valid.</summary>
    [Range(60, 86_400, ErrorMessage = "ACCESS_TOKEN_LIFETIME_SECS must be between 60 and 86400.")]
    [Setting("ACCESS_TOKEN_LIFETIME_SECS")]
    public int AccessTokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>
    /// <c>AUTH_MAX_CONCURRENT_HASHES</c>: password hashes or verifications computed at once (0, the default, means
    /// half the processors, at least one). Each takes about 0.3 s of one core by design, so this bounds the CPU that
    /// sign-ins can take from appends and reads; half leaves the rest of the machine to them.
    /// </summary>
    [Setting("AUTH_MAX_CONCURRENT_HASHES")]
    [Range(0, 64, ErrorMessage = "AUTH_MAX_CONCURRENT_HASHES must be between 0 (automatic) and 64.")]
    public int MaxConcurrentHashes { get; set; }

    public int EffectiveMaxConcurrentHashes => MaxConcurrentHashes > 0 ? MaxConcurrentHashes : Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Tolerated clock difference between instances; also part of how long a retired key stays valid.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public TimeSpan AccessTokenLifetime => TimeSpan.FromSeconds(AccessTokenLifetimeSeconds);

    public static void Bind(AuthOptions options, IConfiguration configuration)
    {
        options.AllowSignup = configuration.GetValue("ALLOW_SIGNUP", options.AllowSignup);
        options.AdminEmail = NullIfEmpty(configuration["ADMIN_EMAIL"]);
        options.AdminPassword = NullIfEmpty(configuration["ADMIN_PASSWORD"]);
        options.Issuer = configuration["JWT_ISSUER"]?.Trim() ?? options.Issuer;
        options.Audience = configuration["JWT_AUDIENCE"]?.Trim() ?? options.Audience;
        options.AccessTokenLifetimeSeconds = configuration.GetValue("ACCESS_TOKEN_LIFETIME_SECS", options.AccessTokenLifetimeSeconds);
        options.MaxConcurrentHashes = configuration.GetValue("AUTH_MAX_CONCURRENT_HASHES", options.MaxConcurrentHashes);
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AdminEmail is not null && !AuthValidation.IsEmail(AdminEmail))
        {
            yield return new ValidationResult("ADMIN_EMAIL must be a valid email address.", [nameof(AdminEmail)]);
        }

        if (AdminPassword is { Length: < AuthValidation.MinPasswordLength or > AuthValidation.MaxPasswordLength })
        {
            yield return new ValidationResult(
                $"ADMIN_PASSWORD must be {AuthValidation.MinPasswordLength} to {AuthValidation.MaxPasswordLength} characters.",
                [nameof(AdminPassword)]);
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
