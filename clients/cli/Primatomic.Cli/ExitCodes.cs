namespace Primatomic.Cli;

/// <summary>
/// The exit codes scripts can branch on; documented in the README and in <c>primatomic --help</c>. They follow the
/// service's problem codes, so a script need not parse the message.
/// </summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A bad command line or input: unknown option, missing file, a 400/413/415/422 from the service.</summary>
    public const int Usage = 1;

    /// <summary>404: the log, view, key or profile does not exist (or is another tenant's).</summary>
    public const int NotFound = 2;

    /// <summary>409: the name is taken, <c>--expected-sequence</c> is not the head, the view failed or a limit is reached.</summary>
    public const int Conflict = 3;

    /// <summary>401/403, or no credentials: sign in again (<c>primatomic login</c>) or use a key with the scope.</summary>
    public const int Auth = 4;

    /// <summary>429, 502, 503 or 504 still answered after the retries, or no answer (unreachable, dropped, timed out): try again later.</summary>
    public const int Unavailable = 5;

    /// <summary>Anything else, such as a 500 from the service: a bug to report with its trace id.</summary>
    public const int Failure = 6;

    /// <summary>Interrupted with Ctrl-C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    /// <summary>The table printed at the end of <c>primatomic --help</c>.</summary>
    public const string HelpText = """
        Exit codes:
          0    ok
          1    usage: bad arguments or input (the service's 400, 413, 415, 422)
          2    not found (404)
          3    conflict (409: name taken, expected sequence not the head, view failed, limit reached)
          4    auth: not signed in, token expired or lacking the scope (401, 403)
          5    unavailable: no answer (unreachable, dropped, timed out) or still busy (429, 502, 503, 504) after retries
          6    any other failure (500: report it with its trace id)
          130  interrupted (Ctrl-C)
        """;
}
