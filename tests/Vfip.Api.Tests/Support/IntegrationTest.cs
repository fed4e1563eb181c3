namespace Vfip.Api.Tests.Support;

/// <summary>
/// Base of every HTTP integration test class. Its tests use <c>[SkippableFact]</c> / <c>[SkippableTheory]</c>,
/// so that on a machine without the provider (PostgreSQL not installed) they report themselves skipped with
/// the reason instead of failing.
/// </summary>
public abstract class IntegrationTest
{
    protected IntegrationTest(VfipApiFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        Fixture = fixture;
    }

    protected VfipApiFixture Fixture { get; }
}
