using System.Net;
using System.Net.Http.Json;
using Vfip.Api.Tests.Support;

namespace Vfip.Api.Tests.Security;

/// <summary>Keys, passwords and tokens never reach a log line (at any level) or a response other than the one meant to carry them.</summary>
public abstract class SecretsTests(VfipApiFixture fixture) : IntegrationTest(fixture)
{
    [SkippableFact]
    public async Task Secrets_HandledInEveryFlow_NeverAppearInLogsOrOtherResponses()
    {
        var factory = Fixture.Factory;
        var email = $"secret-{Guid.NewGuid():N}@example.com";
        var client = factory.CreateClient();
        Assert.True((await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = VfipClient.Password })).IsSuccessStatusCode);
        var login = await (await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = VfipClient.Password })).ReadJsonAsync();
        var accessToken = login["accessToken"]!.GetValue<string>();
        var refreshToken = login["refreshToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken })).StatusCode);

        // A wrong password on re-authentication is refused, and refused without echoing it.
        const string wrongPassword = "Not-my-passw0rd!";
        var refused = await client.PostAsJsonAsync("/api/v1/me/custodial-key/export", new { password = wrongPassword });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("reauthentication_failed", (await refused.ReadJsonAsync())["code"]!.GetValue<string>());

        var exported = await client.PostAsJsonAsync("/api/v1/me/custodial-key/export", new { password = VfipClient.Password });
        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        Assert.Equal("no-store", exported.Headers.CacheControl?.ToString());
        var custodial = await exported.ReadJsonAsync();
        var privateKey = custodial["privateKey"]!.GetValue<string>();
        Assert.Matches("^0x[0-9a-f]{64}$", privateKey);
        Assert.Equal(custodial["address"]!.GetValue<string>(), new Nethereum.Signer.EthECKey(privateKey).GetPublicAddress());

        var admin = await factory.AdminClientAsync();
        var (keyId, apiKey) = await TestAccounts.IssueKeyAsync(admin, "identify");
        var platform = factory.CreateClient();
        platform.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        Assert.Equal(HttpStatusCode.OK, (await platform.PostAsJsonAsync("/api/v1/identify", new { pdq = new[] { new string('b', 64) } })).StatusCode);
        var bad = factory.CreateClient();
        bad.DefaultRequestHeaders.Add("X-Api-Key", apiKey + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await bad.PostAsJsonAsync("/api/v1/identify", new { pdq = new[] { new string('b', 64) } })).StatusCode);

        // Nothing else a client can read carries them.
        var userId = await client.UserIdAsync();
        var readable = string.Join("\n", await Task.WhenAll(
            client.GetStringAsync("/api/v1/me"),
            admin.GetStringAsync($"/api/v1/admin/accounts/{userId}"),
            admin.GetStringAsync("/api/v1/admin/accounts?pageSize=200"),
            admin.GetStringAsync("/api/v1/admin/platform-keys?pageSize=200"),
            admin.GetStringAsync("/api/v1/admin/audit?pageSize=200")));
        var secrets = new Dictionary<string, string>
        {
            ["password"] = VfipClient.Password,
            ["wrong password"] = wrongPassword,
            ["admin password"] = VfipFactory.AdminPassword,
            ["access token"] = accessToken,
            ["refresh token"] = refreshToken,
            ["custodial key"] = privateKey[2..],
            ["API key"] = apiKey,
            // vfip_<id>_<secret>: the secret itself may contain '_', so cut at the id, not at the last '_'.
            ["API key secret"] = apiKey[$"vfip_{keyId}_".Length..],
        };
        foreach (var (name, secret) in secrets)
        {
            Assert.False(readable.Contains(secret, StringComparison.OrdinalIgnoreCase), $"the {name} is in a response");
            Assert.False(factory.Logs.Contain(secret), $"the {name} is in the log");
        }

        Assert.Contains(keyId, readable, StringComparison.Ordinal); // the key's id is public; its secret is not
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SecretsTestsOnSqlite(SqliteApiFixture fixture) : SecretsTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SecretsTestsOnPostgres(PostgresApiFixture fixture) : SecretsTests(fixture);
