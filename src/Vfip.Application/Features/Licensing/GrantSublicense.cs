using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Options;
using Vfip.Application.Common.Security;
using Vfip.Application.Features.Designs.Responses;
using Vfip.Application.Features.Licensing.Responses;
using Vfip.Application.Features.Licensing.Rules;
using Vfip.Domain.Common;
using Vfip.Domain.Licensing;

namespace Vfip.Application.Features.Licensing;

/// <summary>
/// The holder of a sublicensable licence grants a sublicence under it to another user, within the parent's terms
/// (EIP-5218: the tree never widens). The contract checks the window and the on-chain rights again; the other terms
/// are checked here. When the parent is held by a self-custody wallet, the sublicence waits <c>pending</c> for that
/// wallet's signature of the grant (ADR 0017).
/// </summary>
public static class GrantSublicense
{
    /// <param name="LicenseeUserId">The user who receives the sublicence.</param>
    public sealed record Command(string ParentLicenseId, string? LicenseeUserId, string? Preset, LicenseTermsDocument? Terms) : IRequest<LicenseResponse>;

    internal sealed class Handler(
        IVfipDbContext db,
        IAccounts accounts,
        IUserWallets wallets,
        ILicenseRegistry registry,
        ICurrentCaller current,
        IOptions<AuthOptions> auth,
        TimeProvider clock,
        ILogger<Handler> logger) : IRequestHandler<Command, LicenseResponse>
    {
        public async Task<LicenseResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.Caller.RequireUserId();
            var parent = await db.Licenses.AsNoTracking().FirstOrDefaultAsync(l => l.Id == command.ParentLicenseId, cancellationToken)
                ?? throw LicenseErrors.LicenseNotFound(command.ParentLicenseId);
            if (parent.LicenseeUserId != userId)
            {
                throw new DomainException(ErrorCodes.Licensing.NotLicensee, "Only the licence's holder may grant sublicences under it.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            if (parent.Status != LicenseStatus.Active || !parent.IsInForce(now))
            {
                throw new DomainException(ErrorCodes.Licensing.NotActive, "Sublicences can be granted only under an active, unexpired licence.");
            }

            if (string.IsNullOrWhiteSpace(command.LicenseeUserId))
            {
                throw new DomainException(ErrorCodes.Licensing.LicenseeRequired, "Name the 'licensee' (a user id).");
            }

            var parentTerms = parent.Terms ?? throw LicenseErrors.TermsUnknown(parent.Id);
            var terms = LicenseTermsDocument.Resolve(command.Preset, command.Terms);
            var excesses = terms.Excesses(parentTerms);
            if (excesses.Count > 0)
            {
                throw new DomainException(
                        ErrorCodes.Licensing.ExceedsParent, $"A sublicence must stay within its parent; it exceeds it in: {string.Join(", ", excesses)}.")
                    .With("excesses", excesses);
            }

            var licensorWallet = await SigningWallets.ForAsync(accounts, userId, parent.LicenseeAddress, cancellationToken);
            var licensee = await wallets.GetDesignOwnerAsync(command.LicenseeUserId, cancellationToken)
                ?? throw new DomainException(ErrorCodes.Accounts.UserNotFound, $"There is no user '{command.LicenseeUserId}'.");
            var design = await db.Designs.AsNoTracking().FirstAsync(d => d.Id == parent.DesignId, cancellationToken);

            // A sublicence lives inside its ancestors' exclusivity; it must not collide with anyone else's.
            var ancestors = await AncestorsAsync(parent, cancellationToken);
            await using var exclusive = await db.LockDesignAsync(design.Id, cancellationToken); // ADR 0015: check + insert as one
            await Exclusivity.RequireNoConflictAsync(db, design.Id, terms, now, cancellationToken, except: ancestors);

            var license = NewLicenses.Create(registry, design, offerId: null, parent, userId, command.LicenseeUserId, licensee.Address, terms, now);
            db.Licenses.Add(license);
            license.RequestGrant(licensorWallet, now + auth.Value.SignatureWindow);
            await db.SaveChangesAsync(cancellationToken);
            await exclusive.CommitAsync(cancellationToken);
            logger.LogInformation("Sublicence {LicenseId} under {ParentId} granted; {Next}", license.Id, parent.Id, licensorWallet is null ? "queued" : "awaits the holder's wallet");
            return LicenseResponse.From(license, now) with
            {
                SignatureRequest = await LicenseWalletSignatures.RequestForAsync(license, userId, db, registry, cancellationToken),
            };
        }

        private async Task<IReadOnlySet<string>> AncestorsAsync(License parent, CancellationToken cancellationToken)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal) { parent.Id };
            var next = parent.ParentLicenseId;
            while (next is not null && ids.Add(next))
            {
                next = await db.Licenses.AsNoTracking().Where(l => l.Id == next).Select(l => l.ParentLicenseId).FirstOrDefaultAsync(cancellationToken);
            }

            return ids;
        }
    }
}
