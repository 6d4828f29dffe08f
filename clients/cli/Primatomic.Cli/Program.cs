using Primatomic.Cli;

return await CliApp.RunAsync(args, CliConsole.FromProcess());
