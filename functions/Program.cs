using Primatomic.Functions.Auth;
using Primatomic.Functions.Hosting;
using Primatomic.Functions.Logs;

// The Functions host and scripts/dev start us from other folders; settings files live beside the executable.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddHosting();
builder.AddAuth();
builder.AddLogs();

var app = builder.Build();
app.UseHosting();
app.MapHostingApi();
app.MapAuthApi();
app.MapLogsApi();
app.RunHandler(args);

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
