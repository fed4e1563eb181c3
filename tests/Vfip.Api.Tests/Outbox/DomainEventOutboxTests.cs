using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vfip.Api.Tests.Support;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Outbox;
using Vfip.Domain.Designs;

namespace Vfip.Api.Tests.Outbox;

/// <summary>
/// The store turns domain events into outbox rows in the save that commits the change, on the real database: a change
/// and its chain work commit together, and neither survives a failed save or a rolled-back transaction.
/// </summary>
public abstract class DomainEventOutboxTests(VfipApiFixture fixture) : IntegrationTest(fixture)
{
    [SkippableFact]
    public async Task Save_OfAPendingDesign_CommitsItsAnchoringWithIt_Once()
    {
        await using var held = await HeldInstanceAsync();
        var design = NewDesign();

        await using (var scope = held.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IVfipDbContext>();
            db.Designs.Add(design);
            await db.SaveChangesAsync(CancellationToken.None);
            Assert.Empty(design.DomainEvents);

            // A second save of the same context must not queue the work again.
            await db.SaveChangesAsync(CancellationToken.None);
        }

        var queued = await OutboxRowsAsync(held, design.Id);
        Assert.Equal([OutboxMessageTypes.AnchorDesign], queued.Select(m => m.Type));
    }

    [SkippableFact]
    public async Task AFailedSave_LeavesNoOutboxRow_AndKeepsTheEventsForARetry()
    {
        await using var held = await HeldInstanceAsync();
        var winner = NewDesign();
        var loser = NewDesign(sameContentAs: winner);
        await using (var scope = held.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IVfipDbContext>();
            db.Designs.Add(winner);
            await db.SaveChangesAsync(CancellationToken.None);
        }

        await using (var scope = held.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IVfipDbContext>();
            db.Designs.Add(loser);
            var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(CancellationToken.None));
            Assert.True(db.IsUniqueViolation(error));
            Assert.Empty(db.OutboxMessages.Local);
        }

        Assert.Equal([new DesignReadyToAnchor(loser.Id)], loser.DomainEvents);
        Assert.Empty(await OutboxRowsAsync(held, loser.Id));
        Assert.Single(await OutboxRowsAsync(held, winner.Id));
    }

    [SkippableFact]
    public async Task ASaveInATransactionThatRollsBack_LeavesNoOutboxRow()
    {
        await using var held = await HeldInstanceAsync();
        var design = NewDesign();
        await using (var scope = held.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IVfipDbContext>();
            await using var locked = await db.LockDesignAsync(design.Id, CancellationToken.None);
            db.Designs.Add(design);
            await db.SaveChangesAsync(CancellationToken.None);

            // Disposed without CommitAsync: the transaction rolls back.
        }

        Assert.Empty(await OutboxRowsAsync(held, design.Id));
    }

    // The sender is off, so rows stay where the save put them.
    private async Task<VfipFactory> HeldInstanceAsync() =>
        Fixture.CreateFactory(await Fixture.NewStoreAsync(), new Dictionary<string, string?> { ["Outbox:Enabled"] = "false" });

    private static async Task<List<OutboxMessage>> OutboxRowsAsync(VfipFactory factory, string subject)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IVfipDbContext>();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Subject == subject).ToListAsync();
    }

    private static Design NewDesign(Design? sameContentAs = null)
    {
        var sha256 = sameContentAs?.Images[0].Sha256 ?? Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + new string('0', 32);
        return Design.Register(
            Guid.CreateVersion7().ToString("N"), "outbox-test-user", "0x803275140077727b9842E805C624325873f029A5", "Outbox coat", null,
            DesignCategory.Outerwear, [], [new DesignImage(0, sha256, new string('0', 64), 100, 10, 10, "image/png", 100, [1, 2, 3])],
            _ => [1], DateTime.UtcNow).Design;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DomainEventOutboxTestsOnSqlite(SqliteApiFixture fixture) : DomainEventOutboxTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class DomainEventOutboxTestsOnPostgres(PostgresApiFixture fixture) : DomainEventOutboxTests(fixture);
