using MediatR;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Features.Designs;
using Vfip.Application.Features.Licensing;

namespace Vfip.Application.Common.Indexing;

/// <summary>
/// Which use case applies each observed chain event to the read model. Every one of them is idempotent, so the indexer
/// may re-apply a range after a crash.
/// </summary>
public static class ChainObservations
{
    public static IRequest CommandFor(ObservedChainEvent observed) => observed switch
    {
        ObservedTransfer e => new ObserveDesignTransfer.Command(e.TokenId, e.To, e.Chain),
        ObservedLicenseGrant e => new ObserveLicenseGrant.Command(
            e.LicenseId, e.TokenId, e.Licensee, e.ParentId, e.TermsHash, e.StartsAt, e.EndsAt, e.Sublicensable, e.DerivativesAllowed, e.Chain, e.BlockTime),
        ObservedLicenseRevocation e => new ObserveLicenseRevocation.Command(e.LicenseId, e.TokenId, e.Chain, e.BlockTime),
        ObservedDerivativeLink e => new ObserveDerivativeLink.Command(e.ChildTokenId, e.ParentTokenId, e.LicenseId, e.Chain, e.BlockTime),
        _ => throw new ArgumentOutOfRangeException(nameof(observed), observed, "No use case observes this chain event."),
    };
}
