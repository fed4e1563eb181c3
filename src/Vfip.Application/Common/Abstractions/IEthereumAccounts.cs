namespace Vfip.Application.Common.Abstractions;

/// <summary>Ethereum address and message-signature arithmetic (implemented with Nethereum in Vfip.Chain).</summary>
public interface IEthereumAccounts
{
    /// <summary>
    /// The address that signed <paramref name="message"/> with <c>personal_sign</c> (EIP-191: the UTF-8 bytes
    /// behind the "\x19Ethereum Signed Message:\n" prefix), or null when the signature is malformed.
    /// </summary>
    string? RecoverPersonalSigner(string message, string signature);

    /// <summary>The EIP-55 form of an address, or null when it is not a 20-byte hex address.</summary>
    string? ToChecksumAddress(string address);
}
