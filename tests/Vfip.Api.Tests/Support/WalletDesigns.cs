using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Nethereum.Signer;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;
using Vfip.Chain.Contracts.DesignRegistry;
using Vfip.Chain.LocalChain;

namespace Vfip.Api.Tests.Support;

/// <summary>A designer whose own wallet (a key the test holds) owns their designs, and acts on chain with it directly.</summary>
internal static class WalletDesigns
{
    /// <summary>Links <paramref name="wallet"/>, chooses it for custody, registers new content, signs it and waits until anchored.</summary>
    public static async Task<JsonNode> RegisterAnchoredFromWalletAsync(this HttpClient owner, EthECKey wallet, LocalChainFixture chain, string title)
    {
        var address = await owner.LinkWalletAsync(wallet, LocalChainFixture.ChainId);
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync("/api/v1/me/custody", new { custody = "wallet", address })).StatusCode);
        var accepted = await (await owner.RegisterAsync(new { title }, TestImages.UniquePng())).ReadJsonAsync();
        var id = accepted["id"]!.GetValue<string>();
        var signature = RegistrationSignature.Sign(
            WalletSigning.RegistrationOf(accepted["signatureRequest"]!["typedData"]!["message"]!), LocalChainFixture.ChainId, chain.Registry.Address, wallet.GetPrivateKey());
        var signed = await owner.PostAsJsonAsync($"/api/v1/designs/{id}/signature", new { signature });
        Assert.True(signed.StatusCode == HttpStatusCode.OK, await signed.Content.ReadAsStringAsync());
        return await owner.WaitUntilAnchoredAsync(id);
    }

    /// <summary>A connection that sends from <paramref name="wallet"/>, funded with a little ether for gas first.</summary>
    public static async Task<Web3> FundedWeb3Async(EthECKey wallet, LocalChainFixture chain)
    {
        var account = new Account(wallet.GetPrivateKey(), LocalChainFixture.ChainId);
        var funder = new Web3(new Account(DevelopmentKeys.Designer.PrivateKey, LocalChainFixture.ChainId), chain.RpcUrl);
        await funder.Eth.GetEtherTransferService().TransferEtherAndWaitForReceiptAsync(account.Address, 0.01m);
        return new Web3(account, chain.RpcUrl);
    }
}
