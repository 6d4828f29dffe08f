using Primatomic.Functions.Views;
using Primatomic.Functions.Views.Runtime;

namespace Primatomic.Tests.Views;

/// <summary>One engine for a test class, as in the service: compiling is per component, instances per test.</summary>
public sealed class ViewEngineFixture : IDisposable
{
    public ViewEngine Engine { get; } = new(new ViewLimits());

    public void Dispose() => Engine.Dispose();
}
