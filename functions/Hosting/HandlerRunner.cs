namespace Primatomic.Functions.Hosting;

public static class HandlerRunner
{
    /// <summary>
    /// Serves requests, or with <c>--write-function-definitions DIR</c> writes the function definitions derived from
    /// the mapped routes and exits (used by scripts/generate-functions and packaging).
    /// </summary>
    public static void RunHandler(this WebApplication app, string[] args)
    {
        var index = Array.IndexOf(args, FunctionDefinitions.WriteCommand);
        if (index < 0)
        {
            app.Run();
            return;
        }

        if (index + 1 >= args.Length)
        {
            throw new ArgumentException($"{FunctionDefinitions.WriteCommand} needs a target directory.");
        }

        FunctionDefinitions.Write(((IEndpointRouteBuilder)app).DataSources, args[index + 1]);
    }
}
