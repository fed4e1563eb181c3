using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using Nethereum.Util;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Features.Accounts;
using Vfip.Chain.LocalChain;

namespace Vfip.Chain.Tests;

/// <summary>What custody does (sign a digest for an address), over accounts whose keys the test knows.</summary>
internal sealed class DevelopmentKeySigner(params DevelopmentAccount[] accounts) : ICustodialSigner
{
    public Task<byte[]> SignDigestAsync(string address, byte[] digest, CancellationToken cancellationToken)
    {
        var account = accounts.Single(a => AddressUtil.Current.AreAddressesTheSame(a.Address, address));
        var signature = new EthECKey(account.PrivateKey).SignAndCalculateV(digest);
        return Task.FromResult(EthECDSASignature.CreateStringSignature(signature).HexToByteArray());
    }

    public Task<ExportCustodialKey.Result> ExportKeyAsync(string userId, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The chain adapter never exports keys.");
}
