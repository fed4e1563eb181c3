using System.Globalization;
using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using Vfip.Application.Common.Abstractions;
using Vfip.Chain.Contracts.DesignRegistry;
using Vfip.Chain.Contracts.LicenseRegistry;
using Vfip.Chain.Hosting;

namespace Vfip.Chain;

/// <summary>
/// <see cref="IChainHistory"/>: reads a token's history from both contracts' logs, filtered by the indexed token id (the
/// node filters, so the whole range from the deployment block is cheap): the query docs/contracts.md describes, done per
/// request. The first request waits for the chain connection.
/// </summary>
public sealed class ChainHistoryReader(ChainConnectionSource source) : IChainHistory
{
    private readonly OnceConnected<ReadOnlyChain> _chain = new(source, ReadOnlyChain.Of);

    public async Task<IReadOnlyList<ChainHistoryEvent>> GetTokenHistoryAsync(string tokenId, CancellationToken cancellationToken)
    {
        var chain = await _chain.GetAsync(cancellationToken).ConfigureAwait(false);
        var connection = chain.Connection;
        var token = BigInteger.Parse(tokenId, CultureInfo.InvariantCulture);
        var designs = connection.RegistryAddress.ConvertToEthereumChecksumAddress();
        var events = new List<ChainHistoryEvent>();

        foreach (var e in await LogsAsync<DesignRegisteredEventDTO>(chain, designs, [token], null, null, cancellationToken))
        {
            events.Add(new ChainHistoryEvent("registered", Record(chain, designs, e.Log), To: e.Event.Owner.ConvertToEthereumChecksumAddress()));
        }

        foreach (var e in await LogsAsync<TransferEventDTO>(chain, designs, null, null, [token], cancellationToken))
        {
            // The mint (from 0) is the registration, already listed with its own event.
            if (e.Event.From != AddressUtil.ZERO_ADDRESS && !AddressUtil.Current.AreAddressesTheSame(e.Event.From, AddressUtil.ZERO_ADDRESS))
            {
                events.Add(new ChainHistoryEvent("transferred", Record(chain, designs, e.Log),
                    From: e.Event.From.ConvertToEthereumChecksumAddress(), To: e.Event.To.ConvertToEthereumChecksumAddress()));
            }
        }

        foreach (var e in await LogsAsync<RoyaltySetEventDTO>(chain, designs, [token], null, null, cancellationToken))
        {
            events.Add(new ChainHistoryEvent("royalty_set", Record(chain, designs, e.Log),
                RoyaltyReceiver: e.Event.Receiver.ConvertToEthereumChecksumAddress(), RoyaltyBps: (int)e.Event.Bps));
        }

        if (connection.LicenseRegistryAddress is { } licenseRegistry)
        {
            var licenses = licenseRegistry.ConvertToEthereumChecksumAddress();
            foreach (var e in await LogsAsync<LicenseGrantedEventDTO>(chain, licenses, null, [token], null, cancellationToken))
            {
                events.Add(new ChainHistoryEvent("license_granted", Record(chain, licenses, e.Log),
                    To: e.Event.Licensee.ConvertToEthereumChecksumAddress(), LicenseId: Decimal(e.Event.LicenseId), TermsHash: "0x" + Convert.ToHexStringLower(e.Event.TermsHash)));
            }

            foreach (var e in await LogsAsync<LicenseRevokedEventDTO>(chain, licenses, null, [token], null, cancellationToken))
            {
                events.Add(new ChainHistoryEvent("license_revoked", Record(chain, licenses, e.Log), LicenseId: Decimal(e.Event.LicenseId)));
            }

            foreach (var e in await LogsAsync<DerivativeRegisteredEventDTO>(chain, licenses, [token], null, null, cancellationToken))
            {
                events.Add(new ChainHistoryEvent("derivative_registered", Record(chain, licenses, e.Log),
                    LicenseId: Decimal(e.Event.LicenseId), ParentTokenId: Decimal(e.Event.ParentTokenId), ChildTokenId: tokenId));
            }

            foreach (var e in await LogsAsync<DerivativeRegisteredEventDTO>(chain, licenses, null, [token], null, cancellationToken))
            {
                events.Add(new ChainHistoryEvent("derivative_of", Record(chain, licenses, e.Log),
                    LicenseId: Decimal(e.Event.LicenseId), ParentTokenId: tokenId, ChildTokenId: Decimal(e.Event.ChildTokenId)));
            }
        }

        return events.OrderBy(e => e.Chain.BlockNumber).ThenBy(e => e.Chain.LogIndex).ToList();
    }

    private static async Task<List<EventLog<TEvent>>> LogsAsync<TEvent>(
        ReadOnlyChain chain, string contract, object[]? topic1, object[]? topic2, object[]? topic3, CancellationToken cancellationToken)
        where TEvent : IEventDTO, new()
    {
        var handler = chain.Web3.Eth.GetEvent<TEvent>(contract);
        var filter = handler.CreateFilterInput(
            topic1, topic2, topic3, new BlockParameter(checked((ulong)chain.Connection.DeploymentBlock)), BlockParameter.CreateLatest());
        var logs = await handler.GetAllChangesAsync(filter).WaitAsync(cancellationToken).ConfigureAwait(false);
        return logs.Where(l => l.Log.Removed != true).ToList();
    }

    private static ChainEventRecord Record(ReadOnlyChain chain, string contract, FilterLog log) => new(
        chain.Connection.ChainId, contract, log.TransactionHash.ToLowerInvariant(), checked((long)log.BlockNumber.Value), checked((int)log.LogIndex.Value));

    private static string Decimal(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
