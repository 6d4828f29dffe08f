using Primatomic.Functions.Auth;
using Primatomic.Functions.Hosting;
using Primatomic.Functions.Logs;
using Primatomic.Functions.Views;

var builder = WebApplication.CreateBuilder(args);
builder.AddHosting();
builder.AddAuth();
builder.AddLogs();
builder.AddViews();

var app = builder.Build();
app.UseHosting();
app.MapHostingApi();
app.MapAuthApi();
app.MapLogsApi();
app.MapViewsApi();
app.RunHandler(args);

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
