using System.Globalization;
using System.Numerics;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using Vfip.Application.Common.Abstractions;
using Vfip.Chain.Contracts.DesignRegistry;
using Vfip.Chain.Contracts.LicenseRegistry;

namespace Vfip.Chain.Indexing;

/// <summary>One log the read model follows: where it sits on chain, and the event it is once its block's time is known.</summary>
internal sealed record DecodedLog(ChainEventRecord At, Func<DateTime, ObservedChainEvent> WithTime);

/// <summary>
/// Decodes the two contracts' logs into the events the indexer follows: DesignRegistry <c>Transfer</c> (not the mint,
/// which is the registration) and LicenseRegistry <c>LicenseGranted</c>, <c>LicenseRevoked</c>,
/// <c>DerivativeRegistered</c>. Everything else (registrations, which the outbox records; <c>RoyaltySet</c>; role
/// changes) is not followed.
/// </summary>
internal static class ContractEvents
{
    public static DecodedLog? Decode(FilterLog log, long chainId)
    {
        var at = new ChainEventRecord(
            chainId, log.Address.ConvertToEthereumChecksumAddress(), log.TransactionHash.ToLowerInvariant(), checked((long)log.BlockNumber.Value), checked((int)log.LogIndex.Value));
        Func<DateTime, ObservedChainEvent>? observed = null;
        if (log.IsLogForEvent<TransferEventDTO>())
        {
            var e = log.DecodeEvent<TransferEventDTO>().Event;
            if (!AddressUtil.Current.AreAddressesTheSame(e.From, AddressUtil.ZERO_ADDRESS))
            {
                observed = time => new ObservedTransfer(at, time, Decimal(e.TokenId), e.To.ConvertToEthereumChecksumAddress());
            }
        }
        else if (log.IsLogForEvent<LicenseGrantedEventDTO>())
        {
            var e = log.DecodeEvent<LicenseGrantedEventDTO>().Event;
            observed = time => new ObservedLicenseGrant(
                at, time, Decimal(e.LicenseId), Decimal(e.TokenId), e.Licensee.ConvertToEthereumChecksumAddress(), Decimal(e.ParentId),
                "0x" + Convert.ToHexStringLower(e.TermsHash), (long)e.StartsAt, (long)e.EndsAt, e.Sublicensable, e.DerivativesAllowed);
        }
        else if (log.IsLogForEvent<LicenseRevokedEventDTO>())
        {
            var e = log.DecodeEvent<LicenseRevokedEventDTO>().Event;
            observed = time => new ObservedLicenseRevocation(at, time, Decimal(e.LicenseId), Decimal(e.TokenId));
        }
        else if (log.IsLogForEvent<DerivativeRegisteredEventDTO>())
        {
            var e = log.DecodeEvent<DerivativeRegisteredEventDTO>().Event;
            observed = time => new ObservedDerivativeLink(at, time, Decimal(e.ChildTokenId), Decimal(e.ParentTokenId), Decimal(e.LicenseId));
        }

        return observed is null ? null : new DecodedLog(at, observed);
    }

    private static string Decimal(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
