using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vfip.Application.Common.Abstractions;
using Vfip.Domain.Designs;
using Vfip.Domain.Licensing;

namespace Vfip.Application.Features.Licensing;

/// <summary>
/// The chain indexer saw a <c>LicenseGranted</c> event. A licence VFIP made (pending until its own outbox records the
/// grant) becomes active with that record, never a second row. A grant VFIP did not make — the owner's wallet called
/// <c>grant</c> itself, or someone relayed a <c>grantWithSig</c> — becomes an active licence in the read model, with
/// the terms document VFIP knows under the anchored hash (an offer's, another licence's), or with terms unknown until
/// someone publishes them (<see cref="PublishLicenseTerms"/>). Safe to repeat.
/// </summary>
public static class ObserveLicenseGrant
{
    /// <param name="LicenseId">uint256, decimal.</param>
    /// <param name="TokenId">The licensed design's token, uint256, decimal.</param>
    /// <param name="Licensee">EIP-55.</param>
    /// <param name="ParentId">The parent licence's id, "0" for a licence granted by the design's owner.</param>
    /// <param name="TermsHash">0x-prefixed lower-case hex, 32 bytes.</param>
    /// <param name="StartsAt">Unix seconds, 0 for open.</param>
    /// <param name="EndsAt">Unix seconds, 0 for open.</param>
    /// <param name="BlockTime">The grant's block time (UTC).</param>
    public sealed record Command(
        string LicenseId,
        string TokenId,
        string Licensee,
        string ParentId,
        string TermsHash,
        long StartsAt,
        long EndsAt,
        bool Sublicensable,
        bool DerivativesAllowed,
        ChainEventRecord Grant,
        DateTime BlockTime) : IRequest;

    internal sealed class Handler(IVfipDbContext db, IUserWallets wallets, ILogger<Handler> logger) : IRequestHandler<Command>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var g = command.Grant;
            var record = new ChainRecord(g.ChainId, g.Contract, command.TokenId, g.TxHash, g.BlockNumber, g.LogIndex);
            var existing = await db.Licenses.FirstOrDefaultAsync(l => l.Id == command.LicenseId, cancellationToken);
            if (existing is not null)
            {
                existing.ObserveGranted(record, command.BlockTime);
                await db.SaveChangesAsync(cancellationToken);
                return Unit.Value;
            }

            var design = await db.Designs.AsNoTracking()
                .Where(d => d.Chain!.TokenId == command.TokenId)
                .Select(d => new { d.Id, d.OwnerUserId })
                .FirstOrDefaultAsync(cancellationToken);
            if (design is null)
            {
                // A token VFIP does not know (registered before this database existed, or by another deployment).
                logger.LogInformation("Licence {LicenseId} granted on unknown token {TokenId}; not indexed", command.LicenseId, command.TokenId);
                return Unit.Value;
            }

            var parentId = command.ParentId == "0" ? null : command.ParentId;
            var licensorUserId = parentId is null
                ? design.OwnerUserId
                : await db.Licenses.AsNoTracking().Where(l => l.Id == parentId).Select(l => l.LicenseeUserId).FirstOrDefaultAsync(cancellationToken) ?? string.Empty;
            var licenseeUserId = await wallets.FindUserByAddressAsync(command.Licensee, cancellationToken) ?? string.Empty;
            var license = License.ObserveGrant(
                command.LicenseId,
                design.Id,
                parentId,
                licensorUserId,
                licenseeUserId,
                command.Licensee,
                command.TermsHash,
                await KnownTermsAsync(command.TermsHash, cancellationToken),
                command.StartsAt == 0 ? null : DateTime.UnixEpoch.AddSeconds(command.StartsAt),
                command.EndsAt == 0 ? null : DateTime.UnixEpoch.AddSeconds(command.EndsAt),
                command.Sublicensable,
                command.DerivativesAllowed,
                record,
                command.BlockTime);
            db.Licenses.Add(license);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (db.IsUniqueViolation(exception))
            {
                return Unit.Value; // indexed meanwhile (an indexer that outlived its lease)
            }

            logger.LogInformation(
                "Licence {LicenseId} on design {DesignId} granted directly on chain in {TxHash}; terms {TermsState}",
                license.Id, design.Id, g.TxHash, license.Terms is null ? "unknown" : "known");
            return Unit.Value;
        }

        // Terms are named by their hash: any document VFIP holds under it is the one the grant anchors.
        private async Task<LicenseTerms?> KnownTermsAsync(string termsHash, CancellationToken cancellationToken)
        {
            return await db.LicenseOffers.AsNoTracking().Where(o => o.TermsHash == termsHash).Select(o => o.Terms).FirstOrDefaultAsync(cancellationToken)
                ?? await db.Licenses.AsNoTracking().Where(l => l.TermsHash == termsHash && l.Terms != null).Select(l => l.Terms).FirstOrDefaultAsync(cancellationToken);
        }
    }
}
