using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vfip.Api.Tests.Support;
using Vfip.Application.Common.Abstractions;
using Vfip.Domain.Licensing;

namespace Vfip.Api.Tests.Licensing;

/// <summary>
/// Several writers change a licence from what they read (the outbox sender, the chain indexer, requests); a write based
/// on a stale read must fail instead of undoing a change saved in between.
/// </summary>
public abstract class LicenseConcurrencyTests(VfipApiFixture fixture) : IntegrationTest(fixture)
{
    [SkippableFact]
    public async Task AStaleWriter_CannotUndoARevocationSavedSinceItRead()
    {
        var owner = await Fixture.Factory.SignedInClientAsync();
        var licensee = await Fixture.Factory.SignedInClientAsync();
        var designId = (await owner.RegisterAnchoredAsync(TestImages.UniquePng(), "Contended look"))["id"]!.GetValue<string>();
        var licenseId = (await licensee.AcceptUntilActiveAsync(await owner.OfferAsync(designId, new { preset = "commercial" })))["id"]!.GetValue<string>();

        // A writer reads the active licence and is slow to save...
        await using var stale = Fixture.Factory.Services.CreateAsyncScope();
        var staleDb = stale.ServiceProvider.GetRequiredService<IVfipDbContext>();
        var staleCopy = await staleDb.Licenses.FirstAsync(l => l.Id == licenseId);
        Assert.Equal(LicenseStatus.Active, staleCopy.Status);

        // ...meanwhile the owner revokes it...
        Assert.Equal(HttpStatusCode.Accepted, (await owner.PostAsJsonAsync($"/api/v1/licenses/{licenseId}/revoke", new { reason = "contended" })).StatusCode);

        // ...and the stale writer's change, valid for what it read, is refused.
        staleCopy.Revoke("from a stale read", staleCopy.LicensorUserId, DateTime.UtcNow.AddYears(1));
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => staleDb.SaveChangesAsync(CancellationToken.None));

        var now = await (await owner.GetAsync($"/api/v1/licenses/{licenseId}")).ReadJsonAsync();
        Assert.Equal("contended", now["revocationReason"]!.GetValue<string>());
        Assert.Contains(now["status"]!.GetValue<string>(), new[] { "revoking", "revoked" });
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LicenseConcurrencyTestsOnSqlite(SqliteApiFixture fixture) : LicenseConcurrencyTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class LicenseConcurrencyTestsOnPostgres(PostgresApiFixture fixture) : LicenseConcurrencyTests(fixture);
