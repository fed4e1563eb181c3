using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vfip.Api.Tests.Support;
using Vfip.Infrastructure.Persistence;

namespace Vfip.Api.Tests.Security;

/// <summary>Roles, lockout, the audit log, and platform keys over their life.</summary>
public abstract class AccountsTests(VfipApiFixture fixture) : IntegrationTest(fixture)
{
    [SkippableFact]
    public async Task SignUp_GivesDesignerAndLicensee_AndMeDescribesTheCustodialAddress()
    {
        var client = await Fixture.Factory.SignedInClientAsync();

        var me = await (await client.GetAsync("/api/v1/me")).ReadJsonAsync();

        Assert.Equal(["designer", "licensee"], me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(me["custodialAddress"]!.GetValue<string>(), me["address"]!.GetValue<string>());
        Assert.Matches("^0x[0-9a-fA-F]{40}$", me["address"]!.GetValue<string>());
        Assert.Empty(me["wallets"]!.AsArray());
    }

    [SkippableFact]
    public async Task FiveWrongPasswords_LockTheAccount_AndTheAuditLogShowsIt_UntilAnAdminUnlocks()
    {
        var email = $"lock-{Guid.NewGuid():N}@example.com";
        var client = await Fixture.Factory.SignedInClientAsync(email);
        var userId = await client.UserIdAsync();
        var anonymous = Fixture.Factory.CreateClient();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Wrong-passw0rd!" })).StatusCode);
        }

        var locked = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = VfipClient.Password });

        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        var admin = await Fixture.Factory.AdminClientAsync();
        var audit = await (await admin.GetAsync($"/api/v1/admin/audit?subject={userId}")).ReadJsonAsync();
        var types = audit["items"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ToList();
        // Four failures, the fifth locks, the right password while locked is one more failure.
        Assert.Equal(["login_failed", "account_locked_out", "login_failed", "login_failed", "login_failed", "login_failed"], types);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/admin/accounts/{userId}/unlock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = VfipClient.Password })).StatusCode);
    }

    [SkippableFact]
    public async Task AFailedLoginWithAnUnknownName_IsAudited_WithNoTraceOfTheNameTyped()
    {
        // What lands in the e-mail field is not always an address: here, a password typed in the wrong field.
        var typed = $"Hunter2-{Guid.NewGuid():N}!";
        var before = DateTime.UtcNow.AddSeconds(-1);
        var anonymous = Fixture.Factory.CreateClient();

        var login = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = typed, password = "Not-an-accounts-passw0rd!" });

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        var admin = await Fixture.Factory.AdminClientAsync();
        var page = await admin.GetStringAsync("/api/v1/admin/audit?type=login_failed&pageSize=200");
        Assert.DoesNotContain(typed, page, StringComparison.OrdinalIgnoreCase);
        var recorded = JsonNode.Parse(page)!["items"]!.AsArray()
            .Where(e => e!["occurredAt"]!.GetValue<DateTime>() >= before && e["detail"]?.GetValue<string>() == "unknown_account");
        Assert.Contains(recorded, e => e!["subject"] is null); // the failure is recorded, against no name

        // Nor in the table itself, in any column of any row.
        await using var scope = Fixture.Factory.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<VfipDbContext>().AuditEvents.AsNoTracking().ToListAsync();
        Assert.DoesNotContain(rows, e => new[] { e.Type, e.Actor, e.Subject, e.IpAddress, e.Detail }
            .Any(value => value?.Contains(typed, StringComparison.OrdinalIgnoreCase) == true));
        Assert.False(Fixture.Factory.Logs.Contain(typed), "the name typed is in the log");
    }

    [SkippableFact]
    public async Task RoleChange_AppliesToTheNextRequest_AndIsAudited()
    {
        var admin = await Fixture.Factory.AdminClientAsync();
        var designer = await Fixture.Factory.SignedInClientAsync();
        var userId = await designer.UserIdAsync();

        var set = await admin.PutAsJsonAsync($"/api/v1/admin/accounts/{userId}/roles", new { roles = new[] { "licensee" } });

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await designer.RegisterAsync(new { title = "No longer a designer" }, TestImages.UniquePng())).StatusCode);
        var audit = await (await admin.GetAsync($"/api/v1/admin/audit?type=roles_changed&subject={userId}")).ReadJsonAsync();
        Assert.Equal("designer,licensee -> licensee", Assert.Single(audit["items"]!.AsArray())!["detail"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Admin_CannotTakeTheAdminRoleFromThemselves()
    {
        var admin = await Fixture.Factory.AdminClientAsync();
        var adminId = await admin.UserIdAsync();

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/accounts/{adminId}/roles", new { roles = new[] { "designer" } });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("cannot_remove_own_admin", (await response.ReadJsonAsync())["code"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task PlatformKey_WorksUntilRevoked_ThenIs401_AndBothAreAudited()
    {
        var admin = await Fixture.Factory.AdminClientAsync();
        var (keyId, apiKey) = await TestAccounts.IssueKeyAsync(admin, "identify");
        var platform = Fixture.Factory.CreateClient();
        platform.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        var query = new { pdq = new[] { new string('c', 64) } };
        Assert.Equal(HttpStatusCode.OK, (await platform.PostAsJsonAsync("/api/v1/identify", query)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/admin/platform-keys/{keyId}/revoke", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await platform.PostAsJsonAsync("/api/v1/identify", query)).StatusCode);
        var audit = await (await admin.GetAsync($"/api/v1/admin/audit?subject={keyId}")).ReadJsonAsync();
        Assert.Equal(["platform_key_revoked", "platform_key_issued"], audit["items"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task PlatformKey_PastItsExpiry_Is401()
    {
        var admin = await Fixture.Factory.AdminClientAsync();
        var issued = await (await admin.PostAsJsonAsync("/api/v1/admin/platform-keys",
            new { organisation = "Short-lived", scopes = new[] { "identify" }, expiresAt = DateTime.UtcNow.AddSeconds(2) })).ReadJsonAsync();
        var platform = Fixture.Factory.CreateClient();
        platform.DefaultRequestHeaders.Add("X-Api-Key", issued["apiKey"]!.GetValue<string>());

        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(HttpStatusCode.Unauthorized, (await platform.PostAsJsonAsync("/api/v1/identify", new { pdq = new[] { new string('d', 64) } })).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AccountsTestsOnSqlite(SqliteApiFixture fixture) : AccountsTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class AccountsTestsOnPostgres(PostgresApiFixture fixture) : AccountsTests(fixture);
