namespace Primatomic.Functions.Hosting;

public static class HandlerRunner
{
    /// <summary>
    /// Serves requests, or with <c>--write-function-definitions DIR</c> writes the function definitions derived from
    /// the mapped routes and exits (used by scripts/generate-functions and packaging). Serving starts only when every
    /// setting is good; otherwise the exit code is 1 and each bad setting is one line on standard error.
    /// </summary>
    public static int RunHandler(this WebApplication app, string[] args)
    {
        var index = Array.IndexOf(args, FunctionDefinitions.WriteCommand);
        if (index < 0)
        {
            if (!SettingsCheck.Passes(app.Services, Console.Error))
            {
                return 1;
            }

            app.Run();
            return 0;
        }

        if (index + 1 >= args.Length)
        {
            throw new ArgumentException($"{FunctionDefinitions.WriteCommand} needs a target directory.");
        }

        FunctionDefinitions.Write(((IEndpointRouteBuilder)app).DataSources, args[index + 1]);
        return 0;
    }
}
