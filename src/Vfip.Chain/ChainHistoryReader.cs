using System.Globalization;
using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using Nethereum.Web3;
using Vfip.Application.Common.Abstractions;
using Vfip.Chain.Contracts.DesignRegistry;
using Vfip.Chain.Contracts.LicenseRegistry;

namespace Vfip.Chain;

/// <summary>
/// Reads a token's history from both contracts' logs, filtered by the indexed token id (the node filters, so the
/// whole range from the deployment block is cheap): the query docs/contracts.md describes, done per request.
/// </summary>
public sealed class ChainHistoryReader(ChainConnection connection)
{
    private readonly Web3 _web3 = new(connection.RpcUrl);

    public async Task<IReadOnlyList<ChainHistoryEvent>> GetTokenHistoryAsync(string tokenId, CancellationToken cancellationToken)
    {
        var token = BigInteger.Parse(tokenId, CultureInfo.InvariantCulture);
        var designs = connection.RegistryAddress.ConvertToEthereumChecksumAddress();
        var events = new List<ChainHistoryEvent>();

        foreach (var e in await LogsAsync<DesignRegisteredEventDTO>(designs, [token], null, null, cancellationToken))
        {
            events.Add(new ChainHistoryEvent("registered", Record(designs, e.Log), To: e.Event.Owner.ConvertToEthereumChecksumAddress()));
        }

        foreach (var e in await LogsAsync<TransferEventDTO>(designs, null, null, [token], cancellationToken))
        {
            // The mint (from 0) is the registration, already listed with its own event.
            if (e.Event.From != AddressUtil.ZERO_ADDRESS && !AddressUtil.Current.AreAddressesTheSame(e.Event.From, AddressUtil.ZERO_ADDRESS))
            {
                events.Add(new ChainHistoryEvent("transferred", Record(designs, e.Log),
                    From: e.Event.From.ConvertToEthereumChecksumAddress(), To: e.Event.To.ConvertToEthereumChecksumAddress()));
            }
        }

        foreach (var e in await LogsAsync<RoyaltySetEventDTO>(designs, [token], null, null, cancellationToken))
        {
            events.Add(new ChainHistoryEvent("royalty_set", Record(designs, e.Log),
                RoyaltyReceiver: e.Event.Receiver.ConvertToEthereumChecksumAddress(), RoyaltyBps: (int)e.Event.Bps));
        }

        if (connection.LicenseRegistryAddress is { } licenseRegistry)
        {
            var licenses = licenseRegistry.ConvertToEthereumChecksumAddress();
            foreach (var e in await LogsAsync<LicenseGrantedEventDTO>(licenses, null, [token], null, cancellationToken))
            {
                events.Add(new ChainHistoryEvent("license_granted", Record(licenses, e.Log),
                    To: e.Event.Licensee.ConvertToEthereumChecksumAddress(), LicenseId: Decimal(e.Event.LicenseId), TermsHash: "0x" + Convert.ToHexStringLower(e.Event.TermsHash)));
            }

            foreach (var e in await LogsAsync<LicenseRevokedEventDTO>(licenses, null, [token], null, cancellationToken))
            {
                events.Add(new ChainHistoryEvent("license_revoked", Record(licenses, e.Log), LicenseId: Decimal(e.Event.LicenseId)));
            }

            foreach (var e in await LogsAsync<DerivativeRegisteredEventDTO>(licenses, [token], null, null, cancellationToken))
            {
                events.Add(new ChainHistoryEvent("derivative_registered", Record(licenses, e.Log),
                    LicenseId: Decimal(e.Event.LicenseId), ParentTokenId: Decimal(e.Event.ParentTokenId), ChildTokenId: tokenId));
            }

            foreach (var e in await LogsAsync<DerivativeRegisteredEventDTO>(licenses, null, [token], null, cancellationToken))
            {
                events.Add(new ChainHistoryEvent("derivative_of", Record(licenses, e.Log),
                    LicenseId: Decimal(e.Event.LicenseId), ParentTokenId: tokenId, ChildTokenId: Decimal(e.Event.ChildTokenId)));
            }
        }

        return events.OrderBy(e => e.Chain.BlockNumber).ThenBy(e => e.Chain.LogIndex).ToList();
    }

    private async Task<List<EventLog<TEvent>>> LogsAsync<TEvent>(
        string contract, object[]? topic1, object[]? topic2, object[]? topic3, CancellationToken cancellationToken)
        where TEvent : IEventDTO, new()
    {
        var handler = _web3.Eth.GetEvent<TEvent>(contract);
        var filter = handler.CreateFilterInput(
            topic1, topic2, topic3, new BlockParameter(checked((ulong)connection.DeploymentBlock)), BlockParameter.CreateLatest());
        var logs = await handler.GetAllChangesAsync(filter).WaitAsync(cancellationToken).ConfigureAwait(false);
        return logs.Where(l => l.Log.Removed != true).ToList();
    }

    private ChainEventRecord Record(string contract, FilterLog log) => new(
        connection.ChainId, contract, log.TransactionHash.ToLowerInvariant(), checked((long)log.BlockNumber.Value), checked((int)log.LogIndex.Value));

    private static string Decimal(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
