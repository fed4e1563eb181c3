using System.Globalization;
using System.Numerics;
using Microsoft.Extensions.Logging;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;
using Vfip.Application.Common.Abstractions;
using Vfip.Chain.Contracts.DesignRegistry;

namespace Vfip.Chain;

/// <summary>
/// <see cref="IDesignRegistry"/> over one deployed DesignRegistry, signing with the registrar key.
/// </summary>
/// <remarks>
/// Meant to be used serially by one background sender: the nonce is read from the node for every
/// transaction, so two concurrent senders with the same key would race for it.
/// </remarks>
public sealed class DesignRegistryGateway : IDesignRegistry
{
    private const int HashLength = 32;

    private readonly ChainConnection _connection;
    private readonly ILogger<DesignRegistryGateway> _logger;
    private readonly Web3 _web3;
    private readonly string _registrar;
    private readonly string _contract;

    public DesignRegistryGateway(ChainConnection connection, ILogger<DesignRegistryGateway> logger)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _logger = logger;
        // The key goes into the Account and nowhere else: never into logs or exception messages.
        var account = new Account(connection.SignerKey, connection.ChainId);
        _registrar = account.Address;
        _web3 = new Web3(account, connection.RpcUrl);
        _contract = connection.RegistryAddress.ConvertToEthereumChecksumAddress();
    }

    /// <summary>How often receipts and block numbers are polled while waiting.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <inheritdoc />
    public async Task<ChainRegistration> RegisterAsync(DesignRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var message = ToRegisterFunction(registration);
        var tokenId = TokenIdOf(registration.ContentHash);

        string txHash;
        try
        {
            // Nethereum estimates gas first, so a registration that would revert fails here, before anything is sent.
            txHash = await _web3.Eth.GetContractTransactionHandler<RegisterFunction>()
                .SendRequestAsync(_contract, message)
                .WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && RevertDecoder.TryDecode(ex) is { } revert)
        {
            if (revert.Error is AlreadyRegisteredError)
            {
                _logger.LogInformation("Token {TokenId} is already registered; returning the existing registration", tokenId);
                return await FindExistingAsync(registration.ContentHash, cancellationToken).ConfigureAwait(false);
            }

            throw new ChainTransactionFailedException($"register of token {tokenId} was refused", txHash: null, revert.Description, ex);
        }

        _logger.LogInformation("register of token {TokenId} sent in {TxHash}; waiting for {Confirmations} confirmation(s)",
            tokenId, txHash, _connection.Confirmations);
        var receipt = await TransactionReceipts.WaitAsync(_web3, txHash, _connection.Confirmations, PollInterval, cancellationToken)
            .ConfigureAwait(false);

        if (!receipt.Succeeded())
        {
            // Most likely someone registered the same content between our gas estimate and our inclusion.
            if (await FindAsync(registration.ContentHash, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                _logger.LogWarning("register {TxHash} reverted because token {TokenId} was registered meanwhile in {ExistingTxHash}",
                    txHash, tokenId, existing.TxHash);
                return existing;
            }

            var reason = await ReplayRevertReasonAsync(message, receipt, cancellationToken).ConfigureAwait(false);
            throw new ChainTransactionFailedException($"register {txHash} of token {tokenId} reverted", txHash.ToLowerInvariant(), reason);
        }

        var registered = receipt.DecodeAllEvents<DesignRegisteredEventDTO>()
            .FirstOrDefault(e => AddressUtil.Current.AreAddressesTheSame(e.Log.Address, _contract))
            ?? throw new InvalidOperationException($"register {txHash} succeeded but emitted no DesignRegistered event");

        var result = ToChainRegistration(registered, registered.Event.Owner);
        _logger.LogInformation("Token {TokenId} registered in {TxHash}, block {BlockNumber}, log {LogIndex}",
            result.TokenId, result.TxHash, result.BlockNumber, result.LogIndex);
        return result;
    }

    /// <inheritdoc />
    public async Task<ChainRegistration?> FindAsync(byte[] contentHash, CancellationToken cancellationToken)
    {
        RequireHash(contentHash, nameof(contentHash));

        // registeredOwner returns the zero address for unknown tokens where ownerOf would revert.
        var owner = await _web3.Eth.GetContractQueryHandler<RegisteredOwnerFunction>()
            .QueryAsync<string>(_contract, new RegisteredOwnerFunction { ContentHash = contentHash })
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(owner) || AddressUtil.Current.AreAddressesTheSame(owner, AddressUtil.ZERO_ADDRESS))
        {
            return null;
        }

        var tokenId = TokenIdOf(contentHash);
        var registeredEvent = _web3.Eth.GetEvent<DesignRegisteredEventDTO>(_contract);
        // tokenId is the first indexed parameter: the node filters by topic, so the range can be wide.
        var filter = registeredEvent.CreateFilterInput(
            tokenId,
            new BlockParameter(checked((ulong)_connection.DeploymentBlock)),
            BlockParameter.CreateLatest());
        var logs = await registeredEvent.GetAllChangesAsync(filter).WaitAsync(cancellationToken).ConfigureAwait(false);
        var registered = logs.FirstOrDefault(e => e.Log.Removed != true)
            ?? throw new InvalidOperationException(
                $"Token {tokenId} has owner {owner} but no DesignRegistered event since block {_connection.DeploymentBlock}");

        return ToChainRegistration(registered, owner);
    }

    private ChainRegistration ToChainRegistration(EventLog<DesignRegisteredEventDTO> registered, string owner) => new(
        _connection.ChainId,
        _contract,
        registered.Event.TokenId.ToString(CultureInfo.InvariantCulture),
        registered.Log.TransactionHash.ToLowerInvariant(),
        checked((long)registered.Log.BlockNumber.Value),
        checked((int)registered.Log.LogIndex.Value),
        owner.ConvertToEthereumChecksumAddress());

    private async Task<ChainRegistration> FindExistingAsync(byte[] contentHash, CancellationToken cancellationToken) =>
        await FindAsync(contentHash, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException("The chain reported AlreadyRegistered but the token has no owner");

    private async Task<string?> ReplayRevertReasonAsync(RegisterFunction message, TransactionReceipt receipt, CancellationToken cancellationToken)
    {
        // A mined revert carries no reason; re-running the call against that block's state recovers it (best effort).
        message.FromAddress = _registrar;
        try
        {
            await _web3.Eth.Transactions.Call.SendRequestAsync(message.CreateCallInput(_contract), new BlockParameter(receipt.BlockNumber))
                .WaitAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return RevertDecoder.TryDecode(ex)?.Description ?? ex.Message;
        }
    }

    private static RegisterFunction ToRegisterFunction(DesignRegistration registration)
    {
        if (!AddressUtil.Current.IsValidEthereumAddressHexFormat(registration.OwnerAddress))
        {
            throw new ArgumentException($"'{registration.OwnerAddress}' is not an Ethereum address", nameof(registration));
        }

        RequireHash(registration.ContentHash, nameof(DesignRegistration.ContentHash));
        RequireHash(registration.MetadataHash, nameof(DesignRegistration.MetadataHash));
        foreach (var fingerprint in registration.Fingerprints)
        {
            RequireHash(fingerprint, nameof(DesignRegistration.Fingerprints));
        }

        return new RegisterFunction
        {
            Owner = registration.OwnerAddress,
            ContentHash = registration.ContentHash,
            Fingerprints = [.. registration.Fingerprints],
            MetadataHash = registration.MetadataHash,
            MetadataUri = registration.MetadataUri,
        };
    }

    private static void RequireHash(byte[] value, string name)
    {
        if (value is not { Length: HashLength })
        {
            throw new ArgumentException($"{name} must be {HashLength} bytes", name);
        }
    }

    /// <summary>The token id of a content hash: the 32 bytes read as a big-endian uint256.</summary>
    public static BigInteger TokenIdOf(byte[] contentHash) => new(contentHash, isUnsigned: true, isBigEndian: true);
}
