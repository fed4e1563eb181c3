using Nethereum.Model;
using Nethereum.Signer;
using Nethereum.Signer.Crypto;
using Vfip.Application.Common.Abstractions;

namespace Vfip.Chain.Signing;

/// <summary>
/// Nethereum's external signer for one custodial address: what Nethereum would sign with a key it holds is signed by
/// <see cref="ICustodialSigner"/> instead, so the key never leaves custody. Only EIP-1559 transactions, the only kind the
/// gateways send; one instance per operation (it carries that operation's cancellation).
/// </summary>
internal sealed class CustodialTransactionSigner(ICustodialSigner custody, string address, CancellationToken cancellationToken)
    : EthExternalSignerBase
{
    public override bool Supported1559 => true;

    public override ExternalSignerTransactionFormat ExternalSignerTransactionFormat { get; protected set; } = ExternalSignerTransactionFormat.Hash;

    // The signature comes back whole (r‖s‖v): nothing for Nethereum to recover the v from a public key with.
    public override bool CalculatesV { get; protected set; } = true;

    public override async Task SignAsync(Transaction1559 transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var signature = await SignExternallyAsync(transaction.RawHash).ConfigureAwait(false);

        // A typed transaction carries the y parity (0 or 1) where a message signature has 27 or 28.
        transaction.SetSignature(new EthECDSASignature(signature.R, signature.S, [(byte)(signature.V[0] - 27)]));
    }

    public override Task SignAsync(LegacyTransaction transaction) => throw LegacyRefused();

    public override Task SignAsync(LegacyTransactionChainId transaction) => throw LegacyRefused();

    public override Task SignAsync(Transaction7702 transaction) => throw new NotSupportedException("Custodial addresses sign no EIP-7702 transactions.");

    protected override Task<byte[]> GetPublicKeyAsync() =>
        throw new NotSupportedException("Custody hands out signatures only; the address is given to the account up front.");

    // The digest signed in custody, as Nethereum's signature type (v = 27 or 28).
    protected override async Task<ECDSASignature> SignExternallyAsync(byte[] bytes)
    {
        var signature = await custody.SignDigestAsync(address, bytes, cancellationToken).ConfigureAwait(false);
        return new ECDSASignature(new Org.BouncyCastle.Math.BigInteger(1, signature, 0, 32), new Org.BouncyCastle.Math.BigInteger(1, signature, 32, 32))
        {
            V = [signature[64]],
        };
    }

    private static NotSupportedException LegacyRefused() =>
        new("Custodial addresses sign EIP-1559 transactions only: the gateway sets the fees before it sends.");
}
