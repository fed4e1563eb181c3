using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vfip.Application.Common.Abstractions;
using Vfip.Domain.Designs;
using Vfip.Domain.Licensing;

namespace Vfip.Application.Features.Licensing;

/// <summary>
/// The chain indexer saw a <c>LicenseRevoked</c> event: the licence is revoked from the block's time, with the event as
/// its record, whether VFIP sent the revocation (revoking → revoked) or the licensor's wallet did (active → revoked).
/// Safe to repeat.
/// </summary>
public static class ObserveLicenseRevocation
{
    /// <param name="LicenseId">uint256, decimal.</param>
    /// <param name="TokenId">The licensed design's token, uint256, decimal.</param>
    /// <param name="BlockTime">The revocation's block time (UTC): the contract closes the licence's window then.</param>
    public sealed record Command(string LicenseId, string TokenId, ChainEventRecord Revocation, DateTime BlockTime) : IRequest;

    internal sealed class Handler(IVfipDbContext db, ILogger<Handler> logger) : IRequestHandler<Command>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var license = await db.Licenses.FirstOrDefaultAsync(l => l.Id == command.LicenseId, cancellationToken);
            var r = command.Revocation;
            var record = new ChainRecord(r.ChainId, r.Contract, command.TokenId, r.TxHash, r.BlockNumber, r.LogIndex);
            if (license is null || (license.Status == LicenseStatus.Revoked && license.Revocation == record && license.RevokedAt == command.BlockTime))
            {
                return Unit.Value;
            }

            var before = license.Status;
            license.ObserveRevocation(record, command.BlockTime);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Licence {LicenseId} revoked on chain in {TxHash} (was {Status})", license.Id, r.TxHash, before);
            return Unit.Value;
        }
    }
}
