namespace Primatomic.Functions.Hosting;

/// <summary>
/// Under the Functions host we must listen on the port it hands us (<c>FUNCTIONS_CUSTOMHANDLER_PORT</c>); standalone we
/// default to the Functions default port so URLs in docs are the same either way. Loopback only: the host, or a local
/// developer, is the only legitimate caller.
/// </summary>
public static class ListenAddress
{
    public const int DefaultPort = 7071;

    public static string Resolve(IConfiguration configuration)
    {
        var port = ParsePort(configuration["FUNCTIONS_CUSTOMHANDLER_PORT"], "FUNCTIONS_CUSTOMHANDLER_PORT")
            ?? ParsePort(configuration["PORT"], "PORT")
            ?? DefaultPort;
        return $"http://127.0.0.1:{port}";
    }

    private static int? ParsePort(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return int.TryParse(value, out var port) && port is > 0 and <= 65535
            ? port
            : throw new InvalidOperationException($"{name} must be a TCP port number (1-65535), got '{value}'.");
    }
}
