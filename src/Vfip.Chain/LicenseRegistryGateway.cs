using System.Globalization;
using System.Numerics;
using Microsoft.Extensions.Logging;
using Nethereum.ABI.EIP712;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Signer.EIP712;
using Nethereum.Util;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;
using Vfip.Application.Common.Abstractions;
using Vfip.Chain.Contracts.LicenseRegistry;
using Vfip.Chain.Hosting;

namespace Vfip.Chain;

/// <summary>
/// <see cref="ILicenseRegistry"/> over one deployed LicenseRegistry. The licensor's key signs (EIP-712) and the
/// registrar relays and pays: the registrar itself may grant or revoke for nobody (ADR 0012). Custodial licensors' keys
/// sign in custody (<see cref="ICustodialSigner"/>); the first call waits for the chain connection.
/// </summary>
/// <remarks>Used serially by the one outbox sender, like <see cref="DesignRegistryGateway"/> (same key, same nonce).</remarks>
public sealed class LicenseRegistryGateway : ILicenseRegistry
{
    // Relayed at once by the sender; the deadline only bounds a signature that leaked before it was sent.
    private static readonly TimeSpan SignatureLifetime = TimeSpan.FromHours(1);

    private readonly OnceConnected<Connected> _chain;
    private readonly ICustodialSigner _custody;
    private readonly ILogger<LicenseRegistryGateway> _logger;

    public LicenseRegistryGateway(ChainConnectionSource source, ICustodialSigner custody, ILogger<LicenseRegistryGateway> logger)
    {
        ArgumentNullException.ThrowIfNull(source);
        _chain = new OnceConnected<Connected>(source, connection => new Connected(connection));
        _custody = custody;
        _logger = logger;
    }

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    public static LicenseGrant ToGrant(LicenseGrantRequest request, BigInteger deadline) => new()
    {
        TokenId = BigInteger.Parse(request.TokenId, CultureInfo.InvariantCulture),
        Licensee = request.LicenseeAddress.ConvertToEthereumChecksumAddress(),
        ParentId = BigInteger.Parse(request.ParentId, CultureInfo.InvariantCulture),
        TermsHash = request.TermsHash,
        StartsAt = request.StartsAt,
        EndsAt = request.EndsAt,
        Sublicensable = request.Sublicensable,
        DerivativesAllowed = request.DerivativesAllowed,
        Salt = request.Salt,
        Deadline = deadline,
    };

    // Pure (keccak of the ABI-encoded fields): needs no connection, so accepting an offer never waits for the chain.
    public string LicenseIdOf(LicenseGrantRequest grant) =>
        LicenseSignatures.LicenseId(ToGrant(grant, BigInteger.Zero)).ToString(CultureInfo.InvariantCulture);

    public async Task<ChainEventRecord> GrantAsync(LicenseGrantRequest grant, string licensorAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var chain = await _chain.GetAsync(cancellationToken).ConfigureAwait(false);
        var signed = ToGrant(grant, DeadlineFromNow());
        var signature = await SignAsync(licensorAddress, LicenseSignatures.Digest(signed, chain.Connection.ChainId, chain.Contract), cancellationToken).ConfigureAwait(false);
        return await SendGrantAsync(chain, signed, signature, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ChainEventRecord> RelayGrantAsync(LicenseGrantRequest grant, DateTime deadline, string signature, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var chain = await _chain.GetAsync(cancellationToken).ConfigureAwait(false);
        return await SendGrantAsync(chain, ToGrant(grant, UnixSeconds(deadline)), signature, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ChainEventRecord> RevokeAsync(string licenseId, byte[] reasonHash, string revokerAddress, CancellationToken cancellationToken)
    {
        var chain = await _chain.GetAsync(cancellationToken).ConfigureAwait(false);
        var revocation = new LicenseRevocation { LicenseId = BigInteger.Parse(licenseId, CultureInfo.InvariantCulture), ReasonHash = reasonHash, Deadline = DeadlineFromNow() };
        var signer = revokerAddress.ConvertToEthereumChecksumAddress();
        var signature = await SignAsync(signer, LicenseSignatures.Digest(revocation, chain.Connection.ChainId, chain.Contract), cancellationToken).ConfigureAwait(false);
        return await SendRevocationAsync(chain, revocation, signer, signature, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ChainEventRecord> RelayRevocationAsync(
        string licenseId, byte[] reasonHash, DateTime deadline, string signer, string signature, CancellationToken cancellationToken)
    {
        var chain = await _chain.GetAsync(cancellationToken).ConfigureAwait(false);
        return await SendRevocationAsync(chain, ToRevocation(new RevocationSignable(licenseId, reasonHash, deadline)), signer, signature, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>The eth_signTypedData_v4 JSON a wallet signs for <paramref name="signable"/> on this chain and contract.</summary>
    public static string TypedDataToSign(LicenseSignable signable, long chainId, string licenseRegistryAddress)
    {
        var contract = licenseRegistryAddress.ConvertToEthereumChecksumAddress();
        return signable switch
        {
            GrantSignable grant => TypedDataRawJsonConversion.SerialiseTypedDataToJson(
                LicenseSignatures.GrantTypedData(chainId, contract), ToGrant(grant.Grant, UnixSeconds(grant.Deadline))),
            RevocationSignable revocation => TypedDataRawJsonConversion.SerialiseTypedDataToJson(
                LicenseSignatures.RevocationTypedData(chainId, contract), ToRevocation(revocation)),
            AcceptanceSignable acceptance => TypedDataRawJsonConversion.SerialiseTypedDataToJson(
                LicenseSignatures.AcceptanceTypedData(chainId, contract), ToAcceptance(acceptance)),
            _ => throw new ArgumentOutOfRangeException(nameof(signable), signable, "Not a licence signable."),
        };
    }

    /// <summary>The EIP-55 address that made <paramref name="signature"/> over <paramref name="signable"/>'s typed data; null when the signature is malformed.</summary>
    public static string? RecoverSigner(LicenseSignable signable, string signature, long chainId, string licenseRegistryAddress)
    {
        var contract = licenseRegistryAddress.ConvertToEthereumChecksumAddress();
        var signer = new Eip712TypedDataSigner();
        try
        {
            var address = signable switch
            {
                GrantSignable grant => signer.RecoverFromSignatureV4(
                    ToGrant(grant.Grant, UnixSeconds(grant.Deadline)), LicenseSignatures.GrantTypedData(chainId, contract), signature),
                RevocationSignable revocation => signer.RecoverFromSignatureV4(
                    ToRevocation(revocation), LicenseSignatures.RevocationTypedData(chainId, contract), signature),
                AcceptanceSignable acceptance => signer.RecoverFromSignatureV4(
                    ToAcceptance(acceptance), LicenseSignatures.AcceptanceTypedData(chainId, contract), signature),
                _ => throw new ArgumentOutOfRangeException(nameof(signable), signable, "Not a licence signable."),
            };
            return address.ConvertToEthereumChecksumAddress();
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or IndexOutOfRangeException or InvalidOperationException)
        {
            return null;
        }
    }

    public async Task<string> TypedDataAsync(LicenseSignable signable, CancellationToken cancellationToken)
    {
        var chain = await _chain.GetAsync(cancellationToken).ConfigureAwait(false);
        return TypedDataToSign(signable, chain.Connection.ChainId, chain.Contract);
    }

    public async Task<string?> RecoverSignerAsync(LicenseSignable signable, string signature, CancellationToken cancellationToken)
    {
        var chain = await _chain.GetAsync(cancellationToken).ConfigureAwait(false);
        return RecoverSigner(signable, signature, chain.Connection.ChainId, chain.Contract);
    }

    // The licensor's EIP-712 signature, made in custody: 65-byte r‖s‖v, 0x hex, as a wallet returns it.
    private async Task<string> SignAsync(string address, byte[] digest, CancellationToken cancellationToken) =>
        "0x" + Convert.ToHexStringLower(await _custody.SignDigestAsync(address, digest, cancellationToken).ConfigureAwait(false));

    private async Task<ChainEventRecord> SendGrantAsync(Connected chain, LicenseGrant grant, string signature, CancellationToken cancellationToken)
    {
        var licenseId = LicenseSignatures.LicenseId(grant);
        var message = new GrantWithSigFunction
        {
            TokenId = grant.TokenId,
            Licensee = grant.Licensee,
            ParentId = grant.ParentId,
            TermsHash = grant.TermsHash,
            StartsAt = grant.StartsAt,
            EndsAt = grant.EndsAt,
            Sublicensable = grant.Sublicensable,
            DerivativesAllowed = grant.DerivativesAllowed,
            Salt = grant.Salt,
            Deadline = grant.Deadline,
            Signature = signature.HexToByteArray(),
        };

        var receipt = await SendAsync(chain, message, "grantWithSig", licenseId, alreadyDone: "LicenseExists", cancellationToken).ConfigureAwait(false);
        return receipt is null
            ? await FindEventAsync<LicenseGrantedEventDTO>(chain, licenseId, cancellationToken).ConfigureAwait(false)
            : ToRecord(chain, receipt.DecodeAllEvents<LicenseGrantedEventDTO>().First(e => AddressUtil.Current.AreAddressesTheSame(e.Log.Address, chain.Contract)).Log);
    }

    private async Task<ChainEventRecord> SendRevocationAsync(Connected chain, LicenseRevocation revocation, string signer, string signature, CancellationToken cancellationToken)
    {
        var message = new RevokeWithSigFunction
        {
            LicenseId = revocation.LicenseId,
            ReasonHash = revocation.ReasonHash,
            Deadline = revocation.Deadline,
            Signer = signer,
            Signature = signature.HexToByteArray(),
        };

        var receipt = await SendAsync(chain, message, "revokeWithSig", revocation.LicenseId, alreadyDone: "LicenseAlreadyRevoked", cancellationToken).ConfigureAwait(false);
        return receipt is null
            ? await FindEventAsync<LicenseRevokedEventDTO>(chain, revocation.LicenseId, cancellationToken).ConfigureAwait(false)
            : ToRecord(chain, receipt.DecodeAllEvents<LicenseRevokedEventDTO>().First(e => AddressUtil.Current.AreAddressesTheSame(e.Log.Address, chain.Contract)).Log);
    }

    private static LicenseRevocation ToRevocation(RevocationSignable revocation) => new()
    {
        LicenseId = BigInteger.Parse(revocation.LicenseId, CultureInfo.InvariantCulture),
        ReasonHash = revocation.ReasonHash,
        Deadline = UnixSeconds(revocation.Deadline),
    };

    private static LicenseAcceptance ToAcceptance(AcceptanceSignable acceptance) => new()
    {
        OfferId = acceptance.OfferId,
        TokenId = BigInteger.Parse(acceptance.TokenId, CultureInfo.InvariantCulture),
        TermsHash = acceptance.TermsHash,
        Licensee = acceptance.Licensee.ConvertToEthereumChecksumAddress(),
        Deadline = UnixSeconds(acceptance.Deadline),
    };

    public async Task<ChainEventRecord> RegisterDerivativeAsync(string childTokenId, string parentTokenId, string licenseId, CancellationToken cancellationToken)
    {
        var chain = await _chain.GetAsync(cancellationToken).ConfigureAwait(false);
        var message = new RegisterDerivativeFunction
        {
            ChildTokenId = BigInteger.Parse(childTokenId, CultureInfo.InvariantCulture),
            ParentTokenId = BigInteger.Parse(parentTokenId, CultureInfo.InvariantCulture),
            LicenseId = BigInteger.Parse(licenseId, CultureInfo.InvariantCulture),
        };

        // Nothing is stored by the contract, so there is no "done already": a retry emits the link again (harmless).
        var receipt = await SendAsync(chain, message, "registerDerivative", message.LicenseId, alreadyDone: "-", cancellationToken).ConfigureAwait(false);
        return ToRecord(chain, receipt!.DecodeAllEvents<DerivativeRegisteredEventDTO>().First(e => AddressUtil.Current.AreAddressesTheSame(e.Log.Address, chain.Contract)).Log);
    }

    // The receipt of a successful send, or null when the chain says it was done already (a retry).
    private async Task<TransactionReceipt?> SendAsync<TFunction>(
        Connected chain, TFunction message, string name, BigInteger licenseId, string alreadyDone, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
    {
        await Eip1559Fees.ApplyAsync(chain.Web3, chain.Connection.Fees, message, cancellationToken).ConfigureAwait(false);
        string txHash;
        try
        {
            txHash = await chain.Web3.Eth.GetContractTransactionHandler<TFunction>().SendRequestAsync(chain.Contract, message)
                .WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && RevertDecoder.TryDecode(ex) is { } revert)
        {
            var error = revert.Error?.GetType().Name;
            if (error == alreadyDone + "Error")
            {
                _logger.LogInformation("{Function} of licence {LicenseId} was done already; returning the existing event", name, licenseId);
                return null;
            }

            // Refusals no retry can fix: the signer is not (or no longer) the licensor, the parent forbids it, the window is wrong.
            if (error is "NotLicensorError" or "InvalidSignatureError" or "NotSublicensableError" or "ExceedsParentError"
                or "UnknownLicenseError" or "InvalidValidityError" or "InvalidLicenseeError" or "ERC721NonexistentTokenError"
                or "DerivativeNotLicensedError" or "SelfDerivativeError")
            {
                throw new LicenseRefusedException(revert.Description, ex);
            }

            throw new ChainTransactionFailedException($"{name} of licence {licenseId} was refused", txHash: null, revert.Description, ex);
        }

        _logger.LogInformation("{Function} of licence {LicenseId} sent in {TxHash}", name, licenseId, txHash);
        var receipt = await TransactionReceipts.WaitAsync(chain.Web3, txHash, chain.Connection.Confirmations, PollInterval, cancellationToken).ConfigureAwait(false);
        if (!receipt.Succeeded())
        {
            throw new ChainTransactionFailedException($"{name} {txHash} of licence {licenseId} reverted", txHash.ToLowerInvariant(), reason: null);
        }

        return receipt;
    }

    private static async Task<ChainEventRecord> FindEventAsync<TEvent>(Connected chain, BigInteger licenseId, CancellationToken cancellationToken)
        where TEvent : IEventDTO, new()
    {
        var handler = chain.Web3.Eth.GetEvent<TEvent>(chain.Contract);
        // The licence id is the first indexed topic, and a licence is granted (or revoked) once: the newest window that has it ends the search.
        var found = await LogPages.LatestAsync(
                chain.Web3, handler, chain.Connection, (from, to) => handler.CreateFilterInput(licenseId, from, to), cancellationToken)
            .ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The chain reported licence {licenseId} done, but no {typeof(TEvent).Name} was found.");
        return ToRecord(chain, found.Log);
    }

    private static ChainEventRecord ToRecord(Connected chain, FilterLog log) => new(
        chain.Connection.ChainId, chain.Contract, log.TransactionHash.ToLowerInvariant(), checked((long)log.BlockNumber.Value), checked((int)log.LogIndex.Value));

    private static BigInteger DeadlineFromNow() => DateTimeOffset.UtcNow.Add(SignatureLifetime).ToUnixTimeSeconds();

    private static BigInteger UnixSeconds(DateTime time) => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToUnixTimeSeconds();

    /// <summary>The LicenseRegistry on one connection, with the registrar's client (it relays and pays).</summary>
    private sealed class Connected
    {
        public Connected(ChainConnection connection)
        {
            Connection = connection;
            Web3 = new Web3(new Account(connection.SignerKey, connection.ChainId), connection.RpcUrl);
            Contract = (connection.LicenseRegistryAddress
                ?? throw new InvalidOperationException("No LicenseRegistry is deployed or configured (Chain:LicenseRegistryAddress)."))
                .ConvertToEthereumChecksumAddress();
        }

        public ChainConnection Connection { get; }

        public Web3 Web3 { get; }

        public string Contract { get; }
    }
}
