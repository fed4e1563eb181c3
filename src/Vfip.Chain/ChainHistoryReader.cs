using System.Collections.Concurrent;
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
/// <see cref="IChainHistory"/>: reads a token's history from both contracts' logs, filtered by the indexed token id: the
/// query docs/contracts.md describes, done per request, from the deployment block to the head in windows of
/// <see cref="ChainConnection.MaxLogBlockRange"/> blocks (<see cref="LogPages"/>). Seven queries make one history, so a
/// history is kept for <see cref="CacheFor"/> (at most <see cref="CacheCapacity"/> tokens), and concurrent requests for
/// one token share one read: repeated anonymous requests cannot each spend the RPC budget. The first request waits for
/// the chain connection.
/// </summary>
public sealed class ChainHistoryReader(ChainConnectionSource source, TimeProvider? time = null) : IChainHistory
{
    /// <summary>How long a token's history is reused: a transfer shows in provenance at most this much later.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    /// <summary>Most tokens whose history is kept at once.</summary>
    public const int CacheCapacity = 1_024;

    private readonly OnceConnected<ReadOnlyChain> _chain = new(source, ReadOnlyChain.Of);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, (Task<IReadOnlyList<ChainHistoryEvent>> History, long ReadAt)> _recent = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<ChainHistoryEvent>> GetTokenHistoryAsync(string tokenId, CancellationToken cancellationToken)
    {
        var key = BigInteger.Parse(tokenId, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        var now = _time.GetTimestamp();
        if (_recent.TryGetValue(key, out var recent)
            && _time.GetElapsedTime(recent.ReadAt, now) < CacheFor
            && !recent.History.IsFaulted && !recent.History.IsCanceled)
        {
            return recent.History.WaitAsync(cancellationToken);
        }

        if (_recent.Count >= CacheCapacity)
        {
            Evict(now);
        }

        // Not bound to this caller's token: others may be waiting on the same read (each waits with its own).
        var history = ReadAsync(key, CancellationToken.None);
        _recent[key] = (history, now);
        return history.WaitAsync(cancellationToken);
    }

    private void Evict(long now)
    {
        foreach (var (key, entry) in _recent)
        {
            if (_time.GetElapsedTime(entry.ReadAt, now) >= CacheFor)
            {
                _recent.TryRemove(key, out _);
            }
        }

        if (_recent.Count >= CacheCapacity)
        {
            _recent.Clear(); // all fresh: a burst over that many tokens; the cache starts again
        }
    }

    private async Task<IReadOnlyList<ChainHistoryEvent>> ReadAsync(string tokenId, CancellationToken cancellationToken)
    {
        var chain = await _chain.GetAsync(cancellationToken).ConfigureAwait(false);
        var connection = chain.Connection;
        var token = BigInteger.Parse(tokenId, CultureInfo.InvariantCulture);
        var designs = connection.RegistryAddress.ConvertToEthereumChecksumAddress();
        var head = await LogPages.HeadAsync(chain.Web3, cancellationToken).ConfigureAwait(false);
        var events = new List<ChainHistoryEvent>();

        foreach (var e in await LogsAsync<DesignRegisteredEventDTO>(chain, head, designs, [token], null, null, cancellationToken))
        {
            events.Add(new ChainHistoryEvent("registered", Record(chain, designs, e.Log), To: e.Event.Owner.ConvertToEthereumChecksumAddress()));
        }

        foreach (var e in await LogsAsync<TransferEventDTO>(chain, head, designs, null, null, [token], cancellationToken))
        {
            // The mint (from 0) is the registration, already listed with its own event.
            if (e.Event.From != AddressUtil.ZERO_ADDRESS && !AddressUtil.Current.AreAddressesTheSame(e.Event.From, AddressUtil.ZERO_ADDRESS))
            {
                events.Add(new ChainHistoryEvent("transferred", Record(chain, designs, e.Log),
                    From: e.Event.From.ConvertToEthereumChecksumAddress(), To: e.Event.To.ConvertToEthereumChecksumAddress()));
            }
        }

        foreach (var e in await LogsAsync<RoyaltySetEventDTO>(chain, head, designs, [token], null, null, cancellationToken))
        {
            events.Add(new ChainHistoryEvent("royalty_set", Record(chain, designs, e.Log),
                RoyaltyReceiver: e.Event.Receiver.ConvertToEthereumChecksumAddress(), RoyaltyBps: (int)e.Event.Bps));
        }

        if (connection.LicenseRegistryAddress is { } licenseRegistry)
        {
            var licenses = licenseRegistry.ConvertToEthereumChecksumAddress();
            foreach (var e in await LogsAsync<LicenseGrantedEventDTO>(chain, head, licenses, null, [token], null, cancellationToken))
            {
                events.Add(new ChainHistoryEvent("license_granted", Record(chain, licenses, e.Log),
                    To: e.Event.Licensee.ConvertToEthereumChecksumAddress(), LicenseId: Decimal(e.Event.LicenseId), TermsHash: "0x" + Convert.ToHexStringLower(e.Event.TermsHash)));
            }

            foreach (var e in await LogsAsync<LicenseRevokedEventDTO>(chain, head, licenses, null, [token], null, cancellationToken))
            {
                events.Add(new ChainHistoryEvent("license_revoked", Record(chain, licenses, e.Log), LicenseId: Decimal(e.Event.LicenseId)));
            }

            foreach (var e in await LogsAsync<DerivativeRegisteredEventDTO>(chain, head, licenses, [token], null, null, cancellationToken))
            {
                events.Add(new ChainHistoryEvent("derivative_registered", Record(chain, licenses, e.Log),
                    LicenseId: Decimal(e.Event.LicenseId), ParentTokenId: Decimal(e.Event.ParentTokenId), ChildTokenId: tokenId));
            }

            foreach (var e in await LogsAsync<DerivativeRegisteredEventDTO>(chain, head, licenses, null, [token], null, cancellationToken))
            {
                events.Add(new ChainHistoryEvent("derivative_of", Record(chain, licenses, e.Log),
                    LicenseId: Decimal(e.Event.LicenseId), ParentTokenId: tokenId, ChildTokenId: Decimal(e.Event.ChildTokenId)));
            }
        }

        return events.OrderBy(e => e.Chain.BlockNumber).ThenBy(e => e.Chain.LogIndex).ToList();
    }

    private static Task<List<EventLog<TEvent>>> LogsAsync<TEvent>(
        ReadOnlyChain chain, long head, string contract, object[]? topic1, object[]? topic2, object[]? topic3, CancellationToken cancellationToken)
        where TEvent : IEventDTO, new()
    {
        var handler = chain.Web3.Eth.GetEvent<TEvent>(contract);
        return LogPages.AllAsync(handler, chain.Connection, head, (from, to) => handler.CreateFilterInput(topic1, topic2, topic3, from, to), cancellationToken);
    }

    private static ChainEventRecord Record(ReadOnlyChain chain, string contract, FilterLog log) => new(
        chain.Connection.ChainId, contract, log.TransactionHash.ToLowerInvariant(), checked((long)log.BlockNumber.Value), checked((int)log.LogIndex.Value));

    private static string Decimal(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
