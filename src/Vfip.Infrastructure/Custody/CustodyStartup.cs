using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vfip.Infrastructure.Persistence;

namespace Vfip.Infrastructure.Custody;

/// <summary>
/// Run at start, after migrations and before anything signs: loads the custody key-encryption key (a service that could
/// not unseal its users' keys refuses to start, with the reason, instead of failing at the first signature) and re-seals
/// every key still in format 1 for the row it is in.
/// <para>
/// Why re-seal at start rather than keep reading format 1: a format-1 key is bound to nothing, so as long as the vault
/// accepted it, a key moved into another row would unseal there. Re-sealing once at start closes that for every key at
/// the first start of this version and keeps the signing path read-only. A format-1 key that is not the key of its row's
/// address (moved there from another row) is left as it is and never unseals. Nothing was released under format 1, so
/// this only upgrades development data folders; it can go at the first release.
/// </para>
/// </summary>
public static class CustodyStartup
{
    public static async Task PrepareCustodyAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        var vault = services.GetRequiredService<CustodialKeyVault>();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VfipDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CustodyStartup).FullName!);

        // The format is the first byte; substr on a blob (SQLite) and on a bytea (PostgreSQL) agree, and a byte[]
        // parameter binds the same way on both.
        byte[] unbound = [1];
        var rows = await db.Users
            .FromSql($"""SELECT * FROM "AspNetUsers" WHERE substr("SealedCustodialKey", 1, 1) = {unbound}""")
            .AsNoTracking()
            .Select(u => new { u.Id, u.CustodialAddress, u.SealedCustodialKey })
            .ToListAsync(cancellationToken);
        var resealed = 0;
        foreach (var row in rows.Where(r => CustodialKeyVault.IsUnbound(r.SealedCustodialKey)))
        {
            byte[] bound;
            try
            {
                bound = vault.Reseal(row.SealedCustodialKey, new CustodialKeyHolder(row.Id, row.CustodialAddress));
            }
            catch (CryptographicException exception)
            {
                logger.LogError("The custodial key of account {UserId} was not re-sealed and will not unseal: {Reason}", row.Id, exception.Message);
                continue;
            }

            // Only if the row still holds what was read: replicas starting at once re-seal the same key, and either write is right.
            resealed += await db.Users
                .Where(u => u.Id == row.Id && u.SealedCustodialKey == row.SealedCustodialKey)
                .ExecuteUpdateAsync(set => set.SetProperty(u => u.SealedCustodialKey, bound), cancellationToken);
        }

        if (resealed > 0)
        {
            logger.LogInformation("Re-sealed {Count} custodial keys for the accounts that hold them (format 1 to 2)", resealed);
        }
    }
}
