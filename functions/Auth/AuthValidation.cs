using System.Text.RegularExpressions;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Auth;

/// <summary>Input checks shared by the auth endpoints; each failure is a 400 VALIDATION_ERROR.</summary>
internal static partial class AuthValidation
{
    public const int MinPasswordLength = 10;
    public const int MaxPasswordLength = 256;
    private const int MaxEmailLength = 254;
    private const int MaxKeyNameLength = 100;

    public static (string Email, string Password) Credentials(CredentialsRequest? request)
    {
        var email = Email(request?.Email);
        var password = request?.Password;
        if (password is null || password.Length is < MinPasswordLength or > MaxPasswordLength)
        {
            throw ApiException.Validation($"password must be {MinPasswordLength} to {MaxPasswordLength} characters.");
        }

        return (email, password);
    }

    /// <summary>
    /// A deliberately plain email shape: it also keeps characters that Table keys forbid (<c>/ \ # ?</c>) out.
    /// </summary>
    public static string Email(string? email)
    {
        if (email is null || !IsEmail(email))
        {
            throw ApiException.Validation("email must be a valid email address.");
        }

        return email;
    }

    public static bool IsEmail(string email) => email.Length <= MaxEmailLength && EmailShape().IsMatch(email);

    public static string KeyName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxKeyNameLength || name.Any(char.IsControl))
        {
            throw ApiException.Validation($"name must be 1 to {MaxKeyNameLength} printable characters.");
        }

        return name;
    }

    public static IReadOnlyList<string> KeyScopes(IReadOnlyList<string?>? scopes)
    {
        if (scopes is null || scopes.Count == 0)
        {
            throw ApiException.Validation("scopes must list at least one scope.");
        }

        var unknown = scopes.Where(scope => scope is null || !Scopes.All.Contains(scope)).ToList();
        if (unknown.Count > 0)
        {
            throw ApiException.Validation($"Unknown scope; valid scopes are: {string.Join(", ", Scopes.All)}.");
        }

        return scopes.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex(@"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex EmailShape();
}
