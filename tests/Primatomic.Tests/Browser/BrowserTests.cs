using Primatomic.Tests.WebConsole;

namespace Primatomic.Tests.Browser;

/// <summary>Tests in Chromium share one browser and one service process (the console's and the reference page's).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<ChromiumFixture>, ICollectionFixture<ConsoleServiceFixture>
{
    public const string Name = "Browser";
}
