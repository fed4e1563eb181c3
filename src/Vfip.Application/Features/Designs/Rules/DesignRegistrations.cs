using Vfip.Application.Common.Abstractions;
using Vfip.Application.Features.Designs.Responses;
using Vfip.Domain.Designs;

namespace Vfip.Application.Features.Designs.Rules;

/// <summary>What the chain is asked to record for a design: the same values whether the registrar registers it or the owner signs it.</summary>
internal static class DesignRegistrations
{
    public static DesignRegistration Of(Design design, IPublicLinks links) => new(
        design.OwnerAddress,
        Convert.FromHexString(design.ContentHash[2..]),
        design.Images.Select(i => Convert.FromHexString(i.Pdq)).ToList(),
        Convert.FromHexString(design.MetadataHash[2..]),
        links.DesignMetadata(design.Id))
    {
        RoyaltyBps = design.RoyaltyBps,
    };

    /// <summary>The typed data the owner of a design awaiting its signature must sign, with its deadline.</summary>
    public static async Task<SignatureRequest?> SignatureRequestAsync(
        Design design, IDesignRegistry registry, IPublicLinks links, CancellationToken cancellationToken)
    {
        if (design is not { Status: DesignStatus.AwaitingSignature, SignatureDeadline: { } deadline })
        {
            return null;
        }

        return SignatureRequest.Of(await registry.TypedDataToSignAsync(Of(design, links), deadline, cancellationToken), deadline);
    }
}
