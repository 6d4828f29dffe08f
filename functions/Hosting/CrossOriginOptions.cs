using System.ComponentModel.DataAnnotations;

namespace Primatomic.Functions.Hosting;

/// <summary>Which browser origins may call the API from their pages (CORS). None by default.</summary>
public sealed class CrossOriginOptions
{
    private const string Origin = @"https?://([a-z0-9.-]+|\[[0-9a-f:]+\])(:[0-9]{1,5})?";

    /// <summary>
    /// <c>CORS_ALLOWED_ORIGINS</c>: comma-separated origins exactly as browsers send them (scheme, host, optional
    /// port, no path), or <c>*</c> for any origin. Empty: no cross-origin caller is allowed; same-origin pages such as
    /// the console need nothing here.
    /// </summary>
    [Setting("CORS_ALLOWED_ORIGINS")]
    [RegularExpression(@"(?i)^\s*(\*|" + Origin + @"(\s*,\s*" + Origin + @")*)?\s*$",
        ErrorMessage = "CORS_ALLOWED_ORIGINS must be a comma-separated list of origins such as https://app.example.com " +
            "(scheme, host and optional port, no path or trailing slash), or * alone.")]
    public string AllowedOrigins { get; set; } = "";

    public IReadOnlyList<string> Origins =>
        AllowedOrigins.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool AllowsAnyOrigin => Origins is ["*"];

    public static void Bind(CrossOriginOptions options, IConfiguration configuration) =>
        options.AllowedOrigins = configuration["CORS_ALLOWED_ORIGINS"] ?? options.AllowedOrigins;
}
