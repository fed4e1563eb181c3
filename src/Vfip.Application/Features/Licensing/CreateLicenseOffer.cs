using MediatR;
using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Security;
using Vfip.Application.Features.Licensing.Responses;
using Vfip.Application.Features.Licensing.Rules;
using Vfip.Domain.Licensing;

namespace Vfip.Application.Features.Licensing;

/// <summary>
/// A design's owner publishes licence terms on it: a preset, terms, or a preset with some terms changed. The terms
/// are checked for consistency and stored in canonical form with their hash; nothing goes on chain until a licensee
/// accepts (ADR 0012). A derivative that inherited reciprocal terms takes only offers that stay reciprocal (ADR 0018).
/// </summary>
public static class CreateLicenseOffer
{
    public sealed record Command(string DesignId, string? Preset, LicenseTermsDocument? Terms) : IRequest<OfferResponse>, IDesignRequest
    {
        public DesignAccess Access => DesignAccess.Change;
    }

    internal sealed class Handler(IVfipDbContext db, ICurrentCaller current, TimeProvider clock)
        : IRequestHandler<Command, OfferResponse>
    {
        public async Task<OfferResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var terms = LicenseTermsDocument.Resolve(command.Preset, command.Terms);
            var design = await db.Designs.AsNoTracking().FirstAsync(d => d.Id == command.DesignId, cancellationToken);
            var userId = current.Caller.RequireUserId();
            await InheritedOffers.RequireReciprocalAsync(db, design.Id, terms, cancellationToken);

            var offer = LicenseOffer.Create(Guid.CreateVersion7().ToString("N"), design.Id, userId, terms, clock.GetUtcNow().UtcDateTime);
            db.LicenseOffers.Add(offer);
            await db.SaveChangesAsync(cancellationToken);
            return OfferResponse.From(offer);
        }
    }
}
