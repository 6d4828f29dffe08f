using Primatomic.Testing;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Views;

namespace Primatomic.Tests.Clients.TypeScript;

/// <summary>
/// One real service process for the TypeScript client's tests, the dropping proxy in front of it, the control endpoint
/// the node tests call, the built package and the built counter view. Node gets their addresses as variables.
/// </summary>
public sealed class TypeScriptClientFixture : IAsyncLifetime
{
    private ServiceProcess _service = null!;
    private ResponseDroppingProxy _proxy = null!;
    private ClientControlEndpoint _control = null!;

    public IReadOnlyDictionary<string, string> NodeEnvironment { get; private set; } = new Dictionary<string, string>();

    public string ServiceOutput => _service.Output;

    public async Task InitializeAsync()
    {
        var build = TypeScriptPackage.EnsureBuiltAsync();
        var counter = Task.Run(() => ExampleViews.Component("counter"));
        var azurite = await SharedAzurite.GetAsync();
        _service = await ServiceProcess.StartAsync(ApiFactory.DefaultSettings(azurite, SharedAzurite.UniquePrefix()));
        _proxy = await ResponseDroppingProxy.StartAsync(_service.BaseAddress);
        _control = await ClientControlEndpoint.StartAsync(_service, _proxy);
        await build;
        await counter;
        NodeEnvironment = new Dictionary<string, string>
        {
            ["PRIMATOMIC_URL"] = _service.BaseAddress.ToString(),
            ["PRIMATOMIC_PROXY_URL"] = _proxy.BaseAddress.ToString(),
            ["PRIMATOMIC_CONTROL_URL"] = _control.BaseAddress.ToString(),
            ["PRIMATOMIC_COUNTER_WASM"] = RepoPaths.Combine("examples", "views", "counter", "counter.wasm"),
        };
    }

    public async Task DisposeAsync()
    {
        await _control.DisposeAsync();
        await _proxy.DisposeAsync();
        await _service.DisposeAsync();
    }
}
