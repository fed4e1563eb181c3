using System.Net;
using System.Net.Http.Json;
using Nethereum.Signer;
using Vfip.Api.Tests.Support;

namespace Vfip.Api.Tests.Security;

/// <summary>Linking a wallet with Sign-In with Ethereum (EIP-4361): what is accepted, and every way it is refused.</summary>
public abstract class SiweTests(VfipApiFixture fixture) : IntegrationTest(fixture)
{
    private const string Domain = TestAccounts.SiweDomain;

    [SkippableFact]
    public async Task Link_WithAFreshCorrectlySignedMessage_LinksTheWalletAndListsItInMe()
    {
        var client = await Fixture.Factory.SignedInClientAsync();
        var key = EthECKey.GenerateKey();
        var message = TestAccounts.SiweMessage(Domain, key.GetPublicAddress(), LocalChainFixture.ChainId, await client.NonceAsync(), DateTimeOffset.UtcNow);

        var response = await client.LinkAsync(message, TestAccounts.PersonalSign(message, key));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(key.GetPublicAddress(), (await response.ReadJsonAsync())["address"]!.GetValue<string>());
        var me = await (await client.GetAsync("/api/v1/me")).ReadJsonAsync();
        Assert.Equal(key.GetPublicAddress(), Assert.Single(me["wallets"]!.AsArray())!["address"]!.GetValue<string>());
        Assert.Equal("custodial", me["custody"]!.GetValue<string>()); // linking alone changes nothing about ownership
    }

    [SkippableFact]
    public async Task Link_WithoutAStatement_AsTheSiwePackageWritesIt_Links()
    {
        // EIP-4361 with no statement keeps the statement's line break: the address, two empty lines, then URI.
        var client = await Fixture.Factory.SignedInClientAsync();
        var key = EthECKey.GenerateKey();
        var message = TestAccounts.SiweMessage(Domain, key.GetPublicAddress(), LocalChainFixture.ChainId, await client.NonceAsync(), DateTimeOffset.UtcNow)
            .Replace("\n\nLink this wallet to my VFIP account.\n\n", "\n\n\n", StringComparison.Ordinal);

        var response = await client.LinkAsync(message, TestAccounts.PersonalSign(message, key));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [SkippableFact]
    public async Task Link_WithAnotherDomain_IsRefused()
    {
        var client = await Fixture.Factory.SignedInClientAsync();
        var key = EthECKey.GenerateKey();
        var message = TestAccounts.SiweMessage("evil.example", key.GetPublicAddress(), LocalChainFixture.ChainId, await client.NonceAsync(), DateTimeOffset.UtcNow);

        var response = await client.LinkAsync(message, TestAccounts.PersonalSign(message, key));

        await AssertRefusedAsync(response, "siwe_wrong_domain");
        await AssertNoWalletAsync(client);
    }

    [SkippableFact]
    public async Task Link_WithAnotherDomain_IsRefusedEvenWhenTheHostHeaderNamesIt()
    {
        // The phishing flow: evil.example shows the victim a message for itself carrying the attacker's VFIP
        // nonce, then posts it to VFIP with a Host header that names evil.example.
        var client = await Fixture.Factory.SignedInClientAsync();
        var key = EthECKey.GenerateKey();
        var message = TestAccounts.SiweMessage("evil.example", key.GetPublicAddress(), LocalChainFixture.ChainId, await client.NonceAsync(), DateTimeOffset.UtcNow);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/me/wallets")
        {
            Content = JsonContent.Create(new { message, signature = TestAccounts.PersonalSign(message, key) }),
        };
        request.Headers.Host = "evil.example";

        var response = await client.SendAsync(request);

        await AssertRefusedAsync(response, "siwe_wrong_domain");
        await AssertNoWalletAsync(client);
    }

    [SkippableFact]
    public async Task Link_WithAUriOfAnotherOrigin_IsRefused()
    {
        var client = await Fixture.Factory.SignedInClientAsync();
        var key = EthECKey.GenerateKey();
        var message = TestAccounts.SiweMessage(Domain, key.GetPublicAddress(), LocalChainFixture.ChainId, await client.NonceAsync(), DateTimeOffset.UtcNow)
            .Replace($"URI: http://{Domain}", "URI: https://evil.example/login", StringComparison.Ordinal);

        var response = await client.LinkAsync(message, TestAccounts.PersonalSign(message, key));

        await AssertRefusedAsync(response, "siwe_wrong_uri");
        await AssertNoWalletAsync(client);
    }

    [SkippableFact]
    public async Task Link_ReplayingAUsedNonce_IsRefused()
    {
        var client = await Fixture.Factory.SignedInClientAsync();
        var nonce = await client.NonceAsync();
        var first = EthECKey.GenerateKey();
        var message = TestAccounts.SiweMessage(Domain, first.GetPublicAddress(), LocalChainFixture.ChainId, nonce, DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.OK, (await client.LinkAsync(message, TestAccounts.PersonalSign(message, first))).StatusCode);

        // The very same message and signature again, and a new wallet's message with the spent nonce.
        var replay = await client.LinkAsync(message, TestAccounts.PersonalSign(message, first));
        var second = EthECKey.GenerateKey();
        var reuse = TestAccounts.SiweMessage(Domain, second.GetPublicAddress(), LocalChainFixture.ChainId, nonce, DateTimeOffset.UtcNow);
        var reused = await client.LinkAsync(reuse, TestAccounts.PersonalSign(reuse, second));

        await AssertRefusedAsync(replay, "siwe_invalid_nonce");
        await AssertRefusedAsync(reused, "siwe_invalid_nonce");
    }

    [SkippableFact]
    public async Task Link_WithAnotherUsersNonce_IsRefused()
    {
        var alice = await Fixture.Factory.SignedInClientAsync();
        var mallory = await Fixture.Factory.SignedInClientAsync();
        var key = EthECKey.GenerateKey();
        var message = TestAccounts.SiweMessage(Domain, key.GetPublicAddress(), LocalChainFixture.ChainId, await alice.NonceAsync(), DateTimeOffset.UtcNow);

        var response = await mallory.LinkAsync(message, TestAccounts.PersonalSign(message, key));

        await AssertRefusedAsync(response, "siwe_invalid_nonce");
    }

    [SkippableFact]
    public async Task Link_WithAnExpiredMessage_IsRefused()
    {
        var client = await Fixture.Factory.SignedInClientAsync();
        var key = EthECKey.GenerateKey();
        var issued = DateTimeOffset.UtcNow.AddMinutes(-2);
        var message = TestAccounts.SiweMessage(Domain, key.GetPublicAddress(), LocalChainFixture.ChainId, await client.NonceAsync(), issued, expirationTime: issued.AddMinutes(1));

        var response = await client.LinkAsync(message, TestAccounts.PersonalSign(message, key));

        await AssertRefusedAsync(response, "siwe_expired");
        await AssertNoWalletAsync(client);
    }

    [SkippableFact]
    public async Task Link_IssuedLongAgo_IsRefused()
    {
        var client = await Fixture.Factory.SignedInClientAsync();
        var key = EthECKey.GenerateKey();
        var message = TestAccounts.SiweMessage(Domain, key.GetPublicAddress(), LocalChainFixture.ChainId, await client.NonceAsync(), DateTimeOffset.UtcNow.AddHours(-1));

        var response = await client.LinkAsync(message, TestAccounts.PersonalSign(message, key));

        await AssertRefusedAsync(response, "siwe_expired");
    }

    [SkippableFact]
    public async Task Link_SignedByAnotherKey_IsRefused()
    {
        var client = await Fixture.Factory.SignedInClientAsync();
        var claimed = EthECKey.GenerateKey();
        var attacker = EthECKey.GenerateKey();
        var message = TestAccounts.SiweMessage(Domain, claimed.GetPublicAddress(), LocalChainFixture.ChainId, await client.NonceAsync(), DateTimeOffset.UtcNow);

        var response = await client.LinkAsync(message, TestAccounts.PersonalSign(message, attacker));

        await AssertRefusedAsync(response, "siwe_invalid_signature");
        await AssertNoWalletAsync(client);
    }

    [SkippableFact]
    public async Task Link_ForAnotherChain_IsRefused()
    {
        var client = await Fixture.Factory.SignedInClientAsync();
        var key = EthECKey.GenerateKey();
        var message = TestAccounts.SiweMessage(Domain, key.GetPublicAddress(), chainId: 1, await client.NonceAsync(), DateTimeOffset.UtcNow);

        var response = await client.LinkAsync(message, TestAccounts.PersonalSign(message, key));

        await AssertRefusedAsync(response, "siwe_wrong_chain");
    }

    [SkippableFact]
    public async Task Link_AWalletLinkedToAnotherAccount_Returns409()
    {
        var alice = await Fixture.Factory.SignedInClientAsync();
        var bob = await Fixture.Factory.SignedInClientAsync();
        var key = EthECKey.GenerateKey();
        await alice.LinkWalletAsync(key, LocalChainFixture.ChainId);
        var message = TestAccounts.SiweMessage(Domain, key.GetPublicAddress(), LocalChainFixture.ChainId, await bob.NonceAsync(), DateTimeOffset.UtcNow);

        var response = await bob.LinkAsync(message, TestAccounts.PersonalSign(message, key));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("wallet_linked_elsewhere", (await response.ReadJsonAsync())["code"]!.GetValue<string>());
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string code)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await response.ReadJsonAsync())["code"]!.GetValue<string>());
    }

    private static async Task AssertNoWalletAsync(HttpClient client) =>
        Assert.Empty((await (await client.GetAsync("/api/v1/me")).ReadJsonAsync())["wallets"]!.AsArray());
}

[Collection(SqliteCollection.Name)]
public sealed class SiweTestsOnSqlite(SqliteApiFixture fixture) : SiweTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SiweTestsOnPostgres(PostgresApiFixture fixture) : SiweTests(fixture);
