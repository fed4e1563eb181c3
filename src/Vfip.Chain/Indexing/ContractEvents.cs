using System.Globalization;
using System.Numerics;
using MediatR;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Features.Designs;
using Vfip.Application.Features.Licensing;
using Vfip.Chain.Contracts.DesignRegistry;
using Vfip.Chain.Contracts.LicenseRegistry;

namespace Vfip.Chain.Indexing;

/// <summary>One log the read model follows: where it sits on chain, and the use case that applies it given its block's time.</summary>
internal sealed record IndexedEvent(ulong BlockNumber, ulong LogIndex, Func<DateTime, IRequest> Observation);

/// <summary>
/// Turns the two contracts' logs into the use cases that apply them to the read model: DesignRegistry <c>Transfer</c>
/// (not the mint, which is the registration) and LicenseRegistry <c>LicenseGranted</c>, <c>LicenseRevoked</c>,
/// <c>DerivativeRegistered</c>. Everything else (registrations, which the outbox records; <c>RoyaltySet</c>; role
/// changes) is not indexed.
/// </summary>
internal static class ContractEvents
{
    public static IndexedEvent? Decode(FilterLog log, long chainId)
    {
        var contract = log.Address.ConvertToEthereumChecksumAddress();
        var at = new ChainEventRecord(chainId, contract, log.TransactionHash.ToLowerInvariant(), checked((long)log.BlockNumber.Value), checked((int)log.LogIndex.Value));
        Func<DateTime, IRequest>? observation = null;
        if (log.IsLogForEvent<TransferEventDTO>())
        {
            var e = log.DecodeEvent<TransferEventDTO>().Event;
            if (!AddressUtil.Current.AreAddressesTheSame(e.From, AddressUtil.ZERO_ADDRESS))
            {
                observation = _ => new ObserveDesignTransfer.Command(Decimal(e.TokenId), e.To.ConvertToEthereumChecksumAddress(), at);
            }
        }
        else if (log.IsLogForEvent<LicenseGrantedEventDTO>())
        {
            var e = log.DecodeEvent<LicenseGrantedEventDTO>().Event;
            observation = time => new ObserveLicenseGrant.Command(
                Decimal(e.LicenseId), Decimal(e.TokenId), e.Licensee.ConvertToEthereumChecksumAddress(), Decimal(e.ParentId),
                "0x" + Convert.ToHexStringLower(e.TermsHash), (long)e.StartsAt, (long)e.EndsAt, e.Sublicensable, e.DerivativesAllowed, at, time);
        }
        else if (log.IsLogForEvent<LicenseRevokedEventDTO>())
        {
            var e = log.DecodeEvent<LicenseRevokedEventDTO>().Event;
            observation = time => new ObserveLicenseRevocation.Command(Decimal(e.LicenseId), Decimal(e.TokenId), at, time);
        }
        else if (log.IsLogForEvent<DerivativeRegisteredEventDTO>())
        {
            var e = log.DecodeEvent<DerivativeRegisteredEventDTO>().Event;
            observation = time => new ObserveDerivativeLink.Command(Decimal(e.ChildTokenId), Decimal(e.ParentTokenId), Decimal(e.LicenseId), at, time);
        }

        return observation is null ? null : new IndexedEvent((ulong)log.BlockNumber.Value, (ulong)log.LogIndex.Value, observation);
    }

    private static string Decimal(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
