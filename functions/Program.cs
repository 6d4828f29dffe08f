using Primatomic.Functions.Auth;
using Primatomic.Functions.Contract;
using Primatomic.Functions.Fanout;
using Primatomic.Functions.Hosting;
using Primatomic.Functions.Hosting.Telemetry;
using Primatomic.Functions.Logs;
using Primatomic.Functions.Views;
using Primatomic.Functions.Views.Compiling;
using Primatomic.Functions.WebConsole;

// Untrusted components compile in a child process of this same executable, under memory and CPU limits.
if (CompileChild.IsRequested(args))
{
    return CompileChild.Run(args);
}

// The Functions host and scripts/dev start us from other folders; settings files live beside the executable.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddHosting();
builder.AddTelemetry();
builder.AddAuth();
builder.AddLogs();
builder.AddViews();
builder.AddFanout();
builder.AddContract();
builder.AddConsole();

var app = builder.Build();
app.UseHosting();
app.UseUnknownQueryParameterCheck();
app.MapHostingApi();
app.MapAuthApi();
app.MapLogsApi();
app.MapViewsApi();
app.MapFanoutApi();
app.MapContractApi();
app.MapConsoleApi();
return app.RunHandler(args);

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
