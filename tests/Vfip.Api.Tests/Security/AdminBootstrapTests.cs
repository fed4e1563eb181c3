using System.Net;
using System.Net.Http.Headers;
using Vfip.Api.Tests.Support;

namespace Vfip.Api.Tests.Security;

/// <summary>
/// The first admin from configuration (<c>Admin:*</c>), and the attack it must not allow: sign-up confirms no address, so
/// whoever registers the address an operator later names in <c>Admin:Email</c> must not become admin at the next start.
/// </summary>
public abstract class AdminBootstrapTests(VfipApiFixture fixture) : IntegrationTest(fixture)
{
    [SkippableFact]
    public async Task AnAccountRegisteredWithTheAdminAddressFirst_IsNotAdminAfterRestart_UntilTheOperatorPromotesItOnce()
    {
        var store = await Fixture.NewStoreAsync();
        var address = $"ops-{Guid.NewGuid():N}@example.com";
        string squatterId;
        await using (var first = Fixture.CreateFactory(store))
        {
            // A fresh store still gets its first admin from configuration, holding admin only.
            var firstAdmin = await first.AdminClientAsync();
            Assert.Equal(["admin"], (await (await firstAdmin.GetAsync("/api/v1/me")).ReadJsonAsync())["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
            Assert.Equal(HttpStatusCode.OK, (await firstAdmin.GetAsync("/api/v1/admin/accounts")).StatusCode);

            // Someone signs up with the address the operator is about to name.
            squatterId = await (await first.SignedInClientAsync(address)).UserIdAsync();
        }

        await using var restarted = Fixture.CreateFactory(store, new Dictionary<string, string?>
        {
            ["Admin:Email"] = address,
            ["Admin:Password"] = "Operator-passw0rd!",
        });
        var squatter = restarted.CreateClient();
        squatter.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await VfipClient.LoginAsync(squatter, address));

        Assert.Equal(HttpStatusCode.Forbidden, (await squatter.GetAsync("/api/v1/admin/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await squatter.GetAsync("/api/v1/admin/audit")).StatusCode);
        Assert.Equal(["designer", "licensee"], (await (await squatter.GetAsync("/api/v1/me")).ReadJsonAsync())["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        // The start says exactly what the operator can do, and the audit log keeps it.
        Assert.True(restarted.Logs.Contain($"promote-admin --email {address} --user-id {squatterId}"), "the warning names the command");
        var admin = await restarted.AdminClientAsync(); // the first admin, from the first start
        var withheld = await (await admin.GetAsync($"/api/v1/admin/audit?type=admin_promotion_withheld&subject={squatterId}")).ReadJsonAsync();
        Assert.Equal("configuration", Assert.Single(withheld["items"]!.AsArray())!["actor"]!.GetValue<string>());

        // The operator's confirmation must name the account's id and its address; a mismatch changes nothing.
        Assert.Equal(1, await restarted.RunCommandAsync("promote-admin", "--email", address, "--user-id", await admin.UserIdAsync()));
        Assert.Equal(1, await restarted.RunCommandAsync("promote-admin", "--email", $"other-{Guid.NewGuid():N}@example.com", "--user-id", squatterId));
        Assert.Equal(1, await restarted.RunCommandAsync("promote-admin", "--email", address));
        Assert.Equal(HttpStatusCode.Forbidden, (await squatter.GetAsync("/api/v1/admin/accounts")).StatusCode);

        // The right pair promotes it, once: running it again changes and records nothing.
        Assert.Equal(0, await restarted.RunCommandAsync("promote-admin", "--email", address, "--user-id", squatterId));
        Assert.Equal(HttpStatusCode.OK, (await squatter.GetAsync("/api/v1/admin/accounts")).StatusCode);
        Assert.Equal(0, await restarted.RunCommandAsync("promote-admin", $"--email={address}", $"--user-id={squatterId}"));
        var promoted = await (await admin.GetAsync($"/api/v1/admin/audit?type=admin_promoted&subject={squatterId}")).ReadJsonAsync();
        Assert.Equal("operator", Assert.Single(promoted["items"]!.AsArray())!["actor"]!.GetValue<string>());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AdminBootstrapTestsOnSqlite(SqliteApiFixture fixture) : AdminBootstrapTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class AdminBootstrapTestsOnPostgres(PostgresApiFixture fixture) : AdminBootstrapTests(fixture);
