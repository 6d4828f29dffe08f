namespace Primatomic.Tests.Clients.TypeScript;

/// <summary>
/// The TypeScript client (clients/typescript) against the real service: each fact runs node's test runner on some of
/// the package's test files, which call the service, the dropping proxy and the control endpoint the fixture started.
/// The facts of this class run one at a time, so the restart cannot cut into another's requests.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class TypeScriptClientTests(TypeScriptClientFixture fixture) : IClassFixture<TypeScriptClientFixture>
{
    [Fact]
    public Task Client_covers_every_route_errors_retries_signals_and_the_contract() =>
        TypeScriptPackage.RunNodeTestsAsync(fixture.NodeEnvironment, "auth.test.mjs", "logs.test.mjs", "retries.test.mjs", "sign-in-retries.test.mjs", "openapi.test.mjs");

    [Fact]
    public Task Retried_append_after_a_dropped_connection_is_stored_once() =>
        TypeScriptPackage.RunNodeTestsAsync(fixture.NodeEnvironment, "dropped-connection.test.mjs");

    [Fact]
    public Task Tail_resumes_without_loss_or_duplicates_after_the_service_restarts() =>
        TypeScriptPackage.RunNodeTestsAsync(fixture.NodeEnvironment, "tail-restart.test.mjs");

    [Fact]
    public Task Query_after_sees_the_callers_own_append() =>
        TypeScriptPackage.RunNodeTestsAsync(fixture.NodeEnvironment, "query-after.test.mjs");

    [Fact]
    public Task Readme_typescript_section_works_as_written() =>
        TypeScriptPackage.RunNodeTestsAsync(fixture.NodeEnvironment, "readme.test.mjs");
}
