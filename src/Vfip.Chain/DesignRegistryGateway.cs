using System.Globalization;
using System.Numerics;
using Microsoft.Extensions.Logging;
using Nethereum.ABI.EIP712;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer.EIP712;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;
using Vfip.Application.Common.Abstractions;
using Vfip.Chain.Contracts.DesignRegistry;
using Vfip.Chain.Hosting;
using Vfip.Chain.Signing;

namespace Vfip.Chain;

/// <summary>
/// <see cref="IDesignRegistry"/> over the deployed DesignRegistry, signing with the registrar key (custodial owners'
/// transfers: through <see cref="ICustodialSigner"/>). It exists before the chain is up; the first call waits for the
/// connection.
/// </summary>
/// <remarks>
/// Meant to be used serially by one background sender: the nonce is read from the node for every
/// transaction, so two concurrent senders with the same key would race for it.
/// </remarks>
public sealed class DesignRegistryGateway : IDesignRegistry
{
    private const int HashLength = 32;

    private readonly OnceConnected<Connected> _chain;
    private readonly ICustodialSigner _custody;
    private readonly ILogger<DesignRegistryGateway> _logger;

    public DesignRegistryGateway(ChainConnectionSource source, ICustodialSigner custody, ILogger<DesignRegistryGateway> logger)
    {
        ArgumentNullException.ThrowIfNull(source);
        _chain = new OnceConnected<Connected>(source, connection => new Connected(connection));
        _custody = custody;
        _logger = logger;
    }

    /// <summary>How often receipts and block numbers are polled while waiting.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <inheritdoc />
    public Task<ChainRegistration> RegisterAsync(DesignRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var register = ToRegisterFunction(registration);
        if (registration.RoyaltyBps is { } bps)
        {
            // EIP-2981 on the token itself, set in the same transaction; the owner receives it (splits are off chain).
            var withRoyalty = new RegisterWithRoyaltyFunction
            {
                Owner = register.Owner,
                ContentHash = register.ContentHash,
                Fingerprints = register.Fingerprints,
                MetadataHash = register.MetadataHash,
                MetadataUri = register.MetadataUri,
                Receiver = register.Owner,
                Bps = bps,
            };
            return SendAsync(withRoyalty, "registerWithRoyalty", registration.ContentHash, cancellationToken);
        }

        return SendAsync(register, "register", registration.ContentHash, cancellationToken);
    }

    /// <summary>
    /// Relays the owner's signed registration through <c>registerWithSig</c>; the registrar sends (and pays for)
    /// the transaction, the token goes to the owner. A signature the contract refuses for good (expired, not the
    /// owner's) is a <see cref="RegistrationRefusedException"/>; anything else is retried by the caller.
    /// </summary>
    public Task<ChainRegistration> RelaySignedAsync(DesignRegistration registration, DateTime deadline, string signature, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var register = ToRegisterFunction(registration);
        var message = new RegisterWithSigFunction
        {
            Owner = register.Owner,
            ContentHash = register.ContentHash,
            Fingerprints = register.Fingerprints,
            MetadataHash = register.MetadataHash,
            MetadataUri = register.MetadataUri,
            Deadline = DeadlineOf(deadline),
            Signature = signature.HexToByteArray(),
        };
        return SendAsync(message, "registerWithSig", registration.ContentHash, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<string> TypedDataToSignAsync(DesignRegistration registration, DateTime deadline, CancellationToken cancellationToken)
    {
        var chain = await _chain.GetAsync(cancellationToken).ConfigureAwait(false);
        return TypedDataToSign(registration, deadline, chain.Connection.ChainId, chain.Contract);
    }

    /// <inheritdoc />
    public async Task<bool> IsSignedByOwnerAsync(DesignRegistration registration, DateTime deadline, string signature, CancellationToken cancellationToken)
    {
        var chain = await _chain.GetAsync(cancellationToken).ConfigureAwait(false);
        return IsSignedByOwner(registration, deadline, signature, chain.Connection.ChainId, chain.Contract);
    }

    /// <inheritdoc />
    public async Task<long> GetChainIdAsync(CancellationToken cancellationToken) =>
        (await _chain.GetAsync(cancellationToken).ConfigureAwait(false)).Connection.ChainId;

    /// <inheritdoc />
    /// <remarks>
    /// A custodial address holds no ether of its own, so the registrar first sends it what the transfer may cost
    /// (estimated gas × max fee, less what it holds). Nethereum builds the owner's transaction; custody signs its hash.
    /// </remarks>
    public async Task<ChainEventRecord> TransferAsync(string tokenId, string fromAddress, string toAddress, CancellationToken cancellationToken)
    {
        var chain = await _chain.GetAsync(cancellationToken).ConfigureAwait(false);
        var token = BigInteger.Parse(tokenId, CultureInfo.InvariantCulture);
        var to = toAddress.ConvertToEthereumChecksumAddress();
        var from = fromAddress.ConvertToEthereumChecksumAddress();
        var current = await chain.Web3.Eth.GetContractQueryHandler<OwnerOfFunction>()
            .QueryAsync<string>(chain.Contract, new OwnerOfFunction { TokenId = token }).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (AddressUtil.Current.AreAddressesTheSame(current, to))
        {
            _logger.LogInformation("Token {TokenId} already belongs to {To}; returning its last transfer", token, to);
            return await FindTransferAsync(chain, token, to, cancellationToken).ConfigureAwait(false);
        }

        if (!AddressUtil.Current.AreAddressesTheSame(current, from))
        {
            throw new ChainTransactionFailedException($"Token {token} belongs to {current} on chain, not to {from}", txHash: null, reason: null);
        }

        var ownerWeb3 = CustodialWeb3(chain, from, cancellationToken);
        var message = new TransferFromFunction { From = from, To = to, TokenId = token, FromAddress = from };
        await Eip1559Fees.ApplyAsync(chain.Web3, chain.Connection.Fees, message, cancellationToken).ConfigureAwait(false);
        var handler = ownerWeb3.Eth.GetContractTransactionHandler<TransferFromFunction>();
        var gas = await handler.EstimateGasAsync(chain.Contract, message).WaitAsync(cancellationToken).ConfigureAwait(false);
        message.Gas = gas.Value * 12 / 10;
        var needed = message.Gas.Value * message.MaxFeePerGas!.Value;
        var balance = (await chain.Web3.Eth.GetBalance.SendRequestAsync(from).WaitAsync(cancellationToken).ConfigureAwait(false)).Value;
        if (balance < needed)
        {
            var funding = await chain.Web3.Eth.GetEtherTransferService()
                .TransferEtherAndWaitForReceiptAsync(from, Nethereum.Util.UnitConversion.Convert.FromWei(needed - balance), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            _logger.LogInformation("Funded {Owner} with gas for the transfer of token {TokenId} in {TxHash}", from, token, funding.TransactionHash);
        }

        var txHash = await handler.SendRequestAsync(chain.Contract, message).WaitAsync(cancellationToken).ConfigureAwait(false);
        var receipt = await TransactionReceipts.WaitAsync(chain.Web3, txHash, chain.Connection.Confirmations, PollInterval, cancellationToken).ConfigureAwait(false);
        if (!receipt.Succeeded())
        {
            throw new ChainTransactionFailedException($"transferFrom {txHash} of token {token} reverted", txHash.ToLowerInvariant(), reason: null);
        }

        var moved = receipt.DecodeAllEvents<TransferEventDTO>().First(e => AddressUtil.Current.AreAddressesTheSame(e.Log.Address, chain.Contract)).Log;
        _logger.LogInformation("Token {TokenId} transferred to {To} in {TxHash}", token, to, txHash);
        return new ChainEventRecord(chain.Connection.ChainId, chain.Contract, moved.TransactionHash.ToLowerInvariant(), checked((long)moved.BlockNumber.Value), checked((int)moved.LogIndex.Value));
    }

    // Sends as the custodial address: Nethereum fills in the nonce and encodes the transaction, ICustodialSigner signs it.
    private Web3 CustodialWeb3(Connected chain, string address, CancellationToken cancellationToken)
    {
        var account = new ExternalAccount(address, new CustodialTransactionSigner(_custody, address, cancellationToken), chain.Connection.ChainId);
        account.InitialiseDefaultTransactionManager(chain.Web3.Client);
        return new Web3(account, chain.Web3.Client);
    }

    private static async Task<ChainEventRecord> FindTransferAsync(Connected chain, BigInteger tokenId, string to, CancellationToken cancellationToken)
    {
        var transfers = chain.Web3.Eth.GetEvent<TransferEventDTO>(chain.Contract);
        var last = await LogPages.LatestAsync(
                chain.Web3, transfers, chain.Connection, (from, until) => transfers.CreateFilterInput<string, string, BigInteger>(null!, to, tokenId, from, until), cancellationToken)
            .ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Token {tokenId} belongs to {to} but no Transfer event to it was found");
        return new ChainEventRecord(chain.Connection.ChainId, chain.Contract, last.Log.TransactionHash.ToLowerInvariant(), checked((long)last.Log.BlockNumber.Value), checked((int)last.Log.LogIndex.Value));
    }

    /// <summary>The EIP-712 typed data (eth_signTypedData_v4 JSON) the owner signs for <see cref="RelaySignedAsync"/>.</summary>
    public static string TypedDataToSign(DesignRegistration registration, DateTime deadline, long chainId, string registryAddress)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var json = System.Text.Json.Nodes.JsonNode.Parse(TypedDataRawJsonConversion.SerialiseTypedDataToJson(
            RegistrationSignature.TypedData(chainId, registryAddress.ConvertToEthereumChecksumAddress()), ToSignedStruct(registration, deadline)))!;

        // NOTE: Nethereum 6.1 writes the elements of a bytes32[] as base64; wallets (eth_signTypedData_v4) want 0x hex.
        json["message"]!["fingerprints"] = new System.Text.Json.Nodes.JsonArray(
            registration.Fingerprints.Select(f => (System.Text.Json.Nodes.JsonNode?)("0x" + Convert.ToHexStringLower(f))).ToArray());
        return json.ToJsonString();
    }

    /// <summary>True when <paramref name="signature"/> recovers to the registration's owner on this chain and contract.</summary>
    public static bool IsSignedByOwner(DesignRegistration registration, DateTime deadline, string signature, long chainId, string registryAddress)
    {
        ArgumentNullException.ThrowIfNull(registration);
        try
        {
            var signer = new Eip712TypedDataSigner().RecoverFromSignatureV4(
                ToSignedStruct(registration, deadline), RegistrationSignature.TypedData(chainId, registryAddress.ConvertToEthereumChecksumAddress()), signature);
            return AddressUtil.Current.AreAddressesTheSame(signer, registration.OwnerAddress);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or IndexOutOfRangeException or InvalidOperationException)
        {
            return false;
        }
    }

    private async Task<ChainRegistration> SendAsync<TFunction>(
        TFunction message, string name, byte[] contentHash, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
    {
        var chain = await _chain.GetAsync(cancellationToken).ConfigureAwait(false);
        var tokenId = TokenIdOf(contentHash);
        await Eip1559Fees.ApplyAsync(chain.Web3, chain.Connection.Fees, message, cancellationToken).ConfigureAwait(false);
        string txHash;
        try
        {
            // Nethereum estimates gas first, so a registration that would revert fails here, before anything is sent.
            txHash = await chain.Web3.Eth.GetContractTransactionHandler<TFunction>()
                .SendRequestAsync(chain.Contract, message)
                .WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && RevertDecoder.TryDecode(ex) is { } revert)
        {
            if (revert.Error is AlreadyRegisteredError)
            {
                _logger.LogInformation("Token {TokenId} is already registered; returning the existing registration", tokenId);
                return await FindExistingAsync(contentHash, cancellationToken).ConfigureAwait(false);
            }

            if (revert.Error is SignatureExpiredError or InvalidSignatureError)
            {
                throw new RegistrationRefusedException(revert.Description, ex);
            }

            throw new ChainTransactionFailedException($"{name} of token {tokenId} was refused", txHash: null, revert.Description, ex);
        }

        _logger.LogInformation("{Function} of token {TokenId} sent in {TxHash}; waiting for {Confirmations} confirmation(s)",
            name, tokenId, txHash, chain.Connection.Confirmations);
        var receipt = await TransactionReceipts.WaitAsync(chain.Web3, txHash, chain.Connection.Confirmations, PollInterval, cancellationToken)
            .ConfigureAwait(false);

        if (!receipt.Succeeded())
        {
            // Most likely someone registered the same content between our gas estimate and our inclusion.
            if (await FindAsync(contentHash, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                _logger.LogWarning("{Function} {TxHash} reverted because token {TokenId} was registered meanwhile in {ExistingTxHash}",
                    name, txHash, tokenId, existing.TxHash);
                return existing;
            }

            var reason = await ReplayRevertReasonAsync(chain, message, receipt, cancellationToken).ConfigureAwait(false);
            throw new ChainTransactionFailedException($"{name} {txHash} of token {tokenId} reverted", txHash.ToLowerInvariant(), reason);
        }

        var registered = receipt.DecodeAllEvents<DesignRegisteredEventDTO>()
            .FirstOrDefault(e => AddressUtil.Current.AreAddressesTheSame(e.Log.Address, chain.Contract))
            ?? throw new InvalidOperationException($"{name} {txHash} succeeded but emitted no DesignRegistered event");

        var result = ToChainRegistration(chain, registered, registered.Event.Owner);
        _logger.LogInformation("Token {TokenId} registered in {TxHash}, block {BlockNumber}, log {LogIndex}",
            result.TokenId, result.TxHash, result.BlockNumber, result.LogIndex);
        return result;
    }

    /// <inheritdoc />
    public async Task<ChainRegistration?> FindAsync(byte[] contentHash, CancellationToken cancellationToken)
    {
        RequireHash(contentHash, nameof(contentHash));
        var chain = await _chain.GetAsync(cancellationToken).ConfigureAwait(false);

        // registeredOwner returns the zero address for unknown tokens where ownerOf would revert.
        var owner = await chain.Web3.Eth.GetContractQueryHandler<RegisteredOwnerFunction>()
            .QueryAsync<string>(chain.Contract, new RegisteredOwnerFunction { ContentHash = contentHash })
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(owner) || AddressUtil.Current.AreAddressesTheSame(owner, AddressUtil.ZERO_ADDRESS))
        {
            return null;
        }

        var tokenId = TokenIdOf(contentHash);
        var registeredEvent = chain.Web3.Eth.GetEvent<DesignRegisteredEventDTO>(chain.Contract);
        // tokenId is the first indexed parameter, and a token is registered once: the newest window that has it ends the search.
        var registered = await LogPages.LatestAsync(
                chain.Web3, registeredEvent, chain.Connection, (from, to) => registeredEvent.CreateFilterInput(tokenId, from, to), cancellationToken)
            .ConfigureAwait(false)
            ?? throw new InvalidOperationException(
                $"Token {tokenId} has owner {owner} but no DesignRegistered event since block {chain.Connection.DeploymentBlock}");

        return ToChainRegistration(chain, registered, owner);
    }

    private static ChainRegistration ToChainRegistration(Connected chain, EventLog<DesignRegisteredEventDTO> registered, string owner) => new(
        chain.Connection.ChainId,
        chain.Contract,
        registered.Event.TokenId.ToString(CultureInfo.InvariantCulture),
        registered.Log.TransactionHash.ToLowerInvariant(),
        checked((long)registered.Log.BlockNumber.Value),
        checked((int)registered.Log.LogIndex.Value),
        owner.ConvertToEthereumChecksumAddress());

    private async Task<ChainRegistration> FindExistingAsync(byte[] contentHash, CancellationToken cancellationToken) =>
        await FindAsync(contentHash, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException("The chain reported AlreadyRegistered but the token has no owner");

    private static async Task<string?> ReplayRevertReasonAsync(Connected chain, FunctionMessage message, TransactionReceipt receipt, CancellationToken cancellationToken)
    {
        // A mined revert carries no reason; re-running the call against that block's state recovers it (best effort).
        message.FromAddress = chain.Registrar;
        try
        {
            await chain.Web3.Eth.Transactions.Call.SendRequestAsync(message.CreateCallInput(chain.Contract), new BlockParameter(receipt.BlockNumber))
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
            Owner = registration.OwnerAddress.ConvertToEthereumChecksumAddress(),
            ContentHash = registration.ContentHash,
            Fingerprints = [.. registration.Fingerprints],
            MetadataHash = registration.MetadataHash,
            MetadataUri = registration.MetadataUri,
        };
    }

    private static Registration ToSignedStruct(DesignRegistration registration, DateTime deadline)
    {
        var register = ToRegisterFunction(registration);
        return new Registration
        {
            Owner = register.Owner,
            ContentHash = register.ContentHash,
            Fingerprints = register.Fingerprints,
            MetadataHash = register.MetadataHash,
            MetadataUri = register.MetadataUri,
            Deadline = DeadlineOf(deadline),
        };
    }

    // The contract compares the deadline with block.timestamp: whole Unix seconds.
    private static BigInteger DeadlineOf(DateTime deadline) =>
        new DateTimeOffset(DateTime.SpecifyKind(deadline, DateTimeKind.Utc)).ToUnixTimeSeconds();

    private static void RequireHash(byte[] value, string name)
    {
        if (value is not { Length: HashLength })
        {
            throw new ArgumentException($"{name} must be {HashLength} bytes", name);
        }
    }

    /// <summary>The token id of a content hash: the 32 bytes read as a big-endian uint256.</summary>
    public static BigInteger TokenIdOf(byte[] contentHash) => new(contentHash, isUnsigned: true, isBigEndian: true);

    /// <summary>The registry on one connection: the registrar's client (its key goes into the Account and nowhere else: never into logs or exception messages).</summary>
    private sealed class Connected
    {
        public Connected(ChainConnection connection)
        {
            Connection = connection;
            var account = new Account(connection.SignerKey, connection.ChainId);
            Registrar = account.Address;
            Web3 = new Web3(account, connection.RpcUrl);
            Contract = connection.RegistryAddress.ConvertToEthereumChecksumAddress();
        }

        public ChainConnection Connection { get; }

        public Web3 Web3 { get; }

        public string Registrar { get; }

        public string Contract { get; }
    }
}
