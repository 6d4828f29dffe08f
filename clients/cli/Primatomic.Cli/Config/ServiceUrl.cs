namespace Primatomic.Cli.Config;

/// <summary>The <c>--url</c> of a profile: an absolute http or https address, kept without a trailing slash.</summary>
internal static class ServiceUrl
{
    public static string? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url.ToString().TrimEnd('/')
            : throw CliException.Usage($"--url must be an http or https address, such as http://127.0.0.1:7071; got '{text}'.");
    }
}
