using System.Security.Cryptography;
using Vfip.Application.Common.Abstractions;
using Vfip.Domain.Designs;
using Vfip.Domain.Licensing;

namespace Vfip.Application.Features.Licensing.Rules;

/// <summary>
/// The one way a use case makes a licence (accepting an offer, granting a sublicence): its id is the one the contract
/// will compute for the grant, so the licence can be stored before it is anchored and found again in the chain's event.
/// </summary>
internal static class NewLicenses
{
    /// <summary>A new licence for <paramref name="terms"/>, its id computed as the contract will (salted, so accepting the same terms twice gives two licences).</summary>
    public static License Create(
        ILicenseRegistry registry,
        Design design,
        string? offerId,
        License? parent,
        string licensorUserId,
        string licenseeUserId,
        string licenseeAddress,
        LicenseTerms terms,
        DateTime now)
    {
        var salt = "0x" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var draft = License.Accept("0", design.Id, offerId, parent?.Id, licensorUserId, licenseeUserId, licenseeAddress, terms, salt, now);
        var id = registry.LicenseIdOf(LicenseGrantRequests.Of(draft, design.Chain!.TokenId));
        return License.Accept(id, design.Id, offerId, parent?.Id, licensorUserId, licenseeUserId, licenseeAddress, terms, salt, now);
    }
}
