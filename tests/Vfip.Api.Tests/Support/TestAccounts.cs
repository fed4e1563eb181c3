using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Nethereum.Signer;

namespace Vfip.Api.Tests.Support;

/// <summary>Callers of every kind: the configured admin, users with chosen roles, platform keys, and wallets linked by SIWE.</summary>
internal static class TestAccounts
{
    public static async Task<HttpClient> AdminClientAsync(this VfipFactory factory)
    {
        var client = factory.CreateClient();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = VfipFactory.AdminEmail, password = VfipFactory.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.ReadJsonAsync())["accessToken"]!.GetValue<string>());
        return client;
    }

    /// <summary>A new user who holds exactly <paramref name="roles"/> (set by the admin after sign-up).</summary>
    public static async Task<(HttpClient Client, string UserId)> UserWithRolesAsync(this VfipFactory factory, HttpClient admin, params string[] roles)
    {
        var client = await factory.SignedInClientAsync();
        var id = await client.UserIdAsync();
        var set = await admin.PutAsJsonAsync($"/api/v1/admin/accounts/{id}/roles", new { roles });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        return (client, id);
    }

    /// <summary>A client that sends a new platform key with these scopes.</summary>
    public static async Task<HttpClient> PlatformClientAsync(this VfipFactory factory, HttpClient admin, params string[] scopes)
    {
        var key = await IssueKeyAsync(admin, scopes);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key.ApiKey);
        return client;
    }

    public static async Task<(string Id, string ApiKey)> IssueKeyAsync(HttpClient admin, params string[] scopes)
    {
        var issued = await admin.PostAsJsonAsync("/api/v1/admin/platform-keys", new { organisation = "Test Platform", scopes });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var body = await issued.ReadJsonAsync();
        return (body["key"]!["id"]!.GetValue<string>(), body["apiKey"]!.GetValue<string>());
    }

    public static async Task<string> UserIdAsync(this HttpClient client) =>
        (await (await client.GetAsync("/api/v1/me")).ReadJsonAsync())["id"]!.GetValue<string>();

    /// <summary>
    /// The domain SIWE messages must name in tests: the authority of <c>Vfip:PublicBaseUrl</c>, which the test
    /// factory leaves at its embedded default (Auth:SiweDomain is not set either).
    /// </summary>
    public const string SiweDomain = "127.0.0.1:5080";

    /// <summary>An EIP-4361 message as a wallet would show it, with the fields VFIP checks.</summary>
    public static string SiweMessage(
        string domain, string address, long chainId, string nonce, DateTimeOffset issuedAt, DateTimeOffset? expirationTime = null) =>
        $"{domain} wants you to sign in with your Ethereum account:\n{address}\n\nLink this wallet to my VFIP account.\n\n" +
        $"URI: http://{domain}\nVersion: 1\nChain ID: {chainId.ToString(CultureInfo.InvariantCulture)}\nNonce: {nonce}\n" +
        $"Issued At: {issuedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)}" +
        (expirationTime is { } expiry ? $"\nExpiration Time: {expiry.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)}" : string.Empty);

    /// <summary>personal_sign (EIP-191), as a wallet signs a SIWE message.</summary>
    public static string PersonalSign(string message, EthECKey key) => new EthereumMessageSigner().EncodeUTF8AndSign(message, key);

    public static async Task<string> NonceAsync(this HttpClient client)
    {
        var response = await client.PostAsync("/api/v1/me/wallets/nonce", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync())["nonce"]!.GetValue<string>();
    }

    public static Task<HttpResponseMessage> LinkAsync(this HttpClient client, string message, string signature) =>
        client.PostAsJsonAsync("/api/v1/me/wallets", new { message, signature });

    /// <summary>Links <paramref name="key"/>'s address to the client's account the way a wallet would; returns the address.</summary>
    public static async Task<string> LinkWalletAsync(this HttpClient client, EthECKey key, long chainId)
    {
        var address = key.GetPublicAddress();
        var message = SiweMessage(SiweDomain, address, chainId, await client.NonceAsync(), DateTimeOffset.UtcNow);
        var linked = await client.LinkAsync(message, PersonalSign(message, key));
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        return address;
    }
}
