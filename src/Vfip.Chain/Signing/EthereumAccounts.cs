using Nethereum.Signer;
using Nethereum.Util;
using Vfip.Application.Common.Abstractions;

namespace Vfip.Chain.Signing;

/// <summary><see cref="IEthereumAccounts"/> with Nethereum: EIP-191 <c>personal_sign</c> recovery and EIP-55 addresses.</summary>
internal sealed class EthereumAccounts : IEthereumAccounts
{
    public string? RecoverPersonalSigner(string message, string signature)
    {
        try
        {
            return new EthereumMessageSigner().EncodeUTF8AndEcRecover(message, signature).ConvertToEthereumChecksumAddress();
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or IndexOutOfRangeException or InvalidOperationException)
        {
            return null; // not a 65-byte hex signature, or no point recovers from it
        }
    }

    public string? ToChecksumAddress(string address) =>
        AddressUtil.Current.IsValidEthereumAddressHexFormat(address) ? address.ConvertToEthereumChecksumAddress() : null;
}
