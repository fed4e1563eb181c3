using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Nethereum.Signer;
using Vfip.Api.Tests.Support;

namespace Vfip.Api.Tests.Security;

/// <summary>
/// Every endpoint the service maps (read from its <see cref="EndpointDataSource"/>, so a new endpoint without a
/// rule here fails <see cref="EveryEndpoint_HasARule"/>) against every kind of caller, with the exact status
/// each must get.
/// </summary>
public abstract class AuthorizationMatrixTests(VfipApiFixture fixture) : IntegrationTest(fixture)
{
    /// <summary>The callers, in the order of every rule's expected statuses.</summary>
    public enum Who
    {
        Anonymous,
        DesignerOwner,
        DesignerNotOwner,
        Licensee,
        KeyWithScope,
        KeyWithoutScope,
        Arbiter,
        Admin,
    }

    [SkippableFact]
    public void EveryEndpoint_HasARule()
    {
        var mapped = Fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => Key(m, e.RoutePattern.RawText)))
            .ToHashSet(StringComparer.Ordinal);
        var ruled = Rules(world: null).Select(r => Key(r.Method, r.Route)).ToHashSet(StringComparer.Ordinal);

        Assert.True(mapped.SetEquals(ruled),
            $"Endpoints without a rule: {string.Join(", ", mapped.Except(ruled).Order())}. Rules for no endpoint: {string.Join(", ", ruled.Except(mapped).Order())}.");
    }

    [SkippableFact]
    public async Task EveryEndpoint_AnswersEveryCallerWithExactlyItsStatus()
    {
        var world = await World.CreateAsync(Fixture);
        var mismatches = new List<string>();
        foreach (var rule in Rules(world))
        {
            foreach (var who in Enum.GetValues<Who>())
            {
                using var request = rule.Request(who);
                using var response = await world.Clients[who].SendAsync(request);
                var expected = rule.Expected[(int)who];
                if ((int)response.StatusCode != expected)
                {
                    mismatches.Add($"{rule.Method} {rule.Route} [{rule.Case}] as {who}: expected {expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    private static string Key(string method, string? route) => $"{method} {(route ?? string.Empty).TrimEnd('/')}";

    // Expected statuses, one per caller in Who order:  anon  owner notOwn licen keyS  keyNo arbit admin
    private static readonly int[] Everyone200 = [200, 200, 200, 200, 200, 200, 200, 200];
    private static readonly int[] Users200 = [401, 200, 200, 200, 403, 403, 200, 200];
    private static readonly int[] AdminOnly200 = [401, 403, 403, 403, 403, 403, 403, 200];

    private static IEnumerable<Rule> Rules(World? world)
    {
        var w = world!;
        HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);
        HttpRequestMessage Json(HttpMethod method, string path, object body) =>
            new(method, path) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
        HttpRequestMessage Post(string path, object body) => Json(HttpMethod.Post, path, body);

        // Accounts (ASP.NET Core Identity's API endpoints): the same for everyone, except the signed-in "manage" part.
        yield return new("POST", "/api/v1/auth/register", "fresh address", _ => Post("/api/v1/auth/register", new { email = $"m-{Guid.NewGuid():N}@example.com", password = VfipClient.Password }), Everyone200);
        yield return new("POST", "/api/v1/auth/login", "unknown account", _ => Post("/api/v1/auth/login", new { email = "nobody@example.com", password = "Wrong-passw0rd!" }), [401, 401, 401, 401, 401, 401, 401, 401]);
        yield return new("POST", "/api/v1/auth/refresh", "forged token", _ => Post("/api/v1/auth/refresh", new { refreshToken = "forged" }), [401, 401, 401, 401, 401, 401, 401, 401]);
        yield return new("GET", "/api/v1/auth/confirmEmail", "unknown account", _ => Get("/api/v1/auth/confirmEmail?userId=nobody&code=x"), [401, 401, 401, 401, 401, 401, 401, 401]);
        yield return new("POST", "/api/v1/auth/resendConfirmationEmail", "any address", _ => Post("/api/v1/auth/resendConfirmationEmail", new { email = "nobody@example.com" }), Everyone200);
        yield return new("POST", "/api/v1/auth/forgotPassword", "any address", _ => Post("/api/v1/auth/forgotPassword", new { email = "nobody@example.com" }), Everyone200);
        yield return new("POST", "/api/v1/auth/resetPassword", "bad code", _ => Post("/api/v1/auth/resetPassword", new { email = "nobody@example.com", resetCode = "x", newPassword = VfipClient.Password }), [400, 400, 400, 400, 400, 400, 400, 400]);
        yield return new("POST", "/api/v1/auth/manage/2fa", "read", _ => Post("/api/v1/auth/manage/2fa", new { }), Users200);
        yield return new("GET", "/api/v1/auth/manage/info", "read", _ => Get("/api/v1/auth/manage/info"), Users200);
        yield return new("POST", "/api/v1/auth/manage/info", "no change", _ => Post("/api/v1/auth/manage/info", new { }), Users200);

        // Designs: designers register; everyone signed in reads; only the owner changes; drafts are the owner's alone.
        yield return new("POST", "/api/v1/designs", "new content", _ => w.Upload(), [401, 202, 202, 403, 403, 403, 403, 403]);
        yield return new("GET", "/api/v1/designs", "all", _ => Get("/api/v1/designs"), Users200);
        yield return new("GET", "/api/v1/designs/{id}", "public design", _ => Get($"/api/v1/designs/{w.DesignId}"), Users200);
        yield return new("GET", "/api/v1/designs/{id}", "draft awaiting signature", _ => Get($"/api/v1/designs/{w.DraftId}"), [401, 200, 404, 404, 403, 403, 404, 404]);
        yield return new("POST", "/api/v1/designs/{id}/signature", "public design", _ => Post($"/api/v1/designs/{w.DesignId}/signature", new { signature = World.SomeSignature }), [401, 409, 403, 403, 403, 403, 403, 403]);
        yield return new("POST", "/api/v1/designs/{id}/signature", "draft, not the owner's signature", _ => Post($"/api/v1/designs/{w.DraftId}/signature", new { signature = World.SomeSignature }), [401, 400, 404, 404, 403, 403, 404, 404]);
        yield return new("POST", "/api/v1/designs/{id}/transfer", "to an unknown user", _ => Post($"/api/v1/designs/{w.DesignId}/transfer", new { to = "nobody" }), [401, 404, 403, 403, 403, 403, 403, 403]);
        // Derivative approvals: the parent's current owner decides (object rule in the use case); an original asks nobody.
        yield return new("POST", "/api/v1/designs/{id}/approvals/{parentDesignId}", "nothing asked", _ => Post($"/api/v1/designs/{w.DesignId}/approvals/nope", new { approve = true }), [401, 404, 404, 404, 403, 403, 404, 404]);
        yield return new("POST", "/api/v1/designs/{id}/approvals/{parentDesignId}", "draft", _ => Post($"/api/v1/designs/{w.DraftId}/approvals/nope", new { approve = true }), [401, 404, 404, 404, 403, 403, 404, 404]);
        yield return new("GET", "/api/v1/designs/{id}/provenance", "public design", _ => Get($"/api/v1/designs/{w.DesignId}/provenance"), Users200);
        yield return new("GET", "/api/v1/designs/{id}/metadata.json", "public design", _ => Get($"/api/v1/designs/{w.DesignId}/metadata.json"), Everyone200);
        yield return new("GET", "/api/v1/designs/{id}/metadata.json", "draft", _ => Get($"/api/v1/designs/{w.DraftId}/metadata.json"), [404, 200, 404, 404, 404, 404, 404, 404]);
        yield return new("GET", "/api/v1/designs/{id}/images/{index:int}", "public design", _ => Get($"/api/v1/designs/{w.DesignId}/images/0"), Everyone200);
        yield return new("GET", "/api/v1/designs/{id}/images/{index:int}", "draft", _ => Get($"/api/v1/designs/{w.DraftId}/images/0"), [404, 200, 404, 404, 404, 404, 404, 404]);

        // Identification: open to all, rate-limited; a platform key needs the identify scope.
        yield return new("POST", "/api/v1/identify", "hashes", _ => Post("/api/v1/identify", new { pdq = new[] { new string('a', 64) } }), [200, 200, 200, 200, 200, 403, 200, 200]);

        // Licences: the owner offers; signed-in users accept, read and list; licensors revoke (object rules in the use cases).
        int[] unknownToUsers = [401, 404, 404, 404, 403, 403, 404, 404];
        yield return new("POST", "/api/v1/designs/{id}/offers", "public design", _ => Post($"/api/v1/designs/{w.DesignId}/offers", new { preset = "personal" }), [401, 201, 403, 403, 403, 403, 403, 403]);
        yield return new("GET", "/api/v1/designs/{id}/offers", "public design", _ => Get($"/api/v1/designs/{w.DesignId}/offers"), Users200);
        yield return new("GET", "/api/v1/designs/{id}/licenses", "public design", _ => Get($"/api/v1/designs/{w.DesignId}/licenses"), Users200);
        yield return new("POST", "/api/v1/offers/{id}/accept", "unknown offer", _ => Post("/api/v1/offers/nope/accept", new { }), unknownToUsers);
        yield return new("GET", "/api/v1/offers/{id}/acceptance", "unknown offer", _ => Get("/api/v1/offers/nope/acceptance?address=0x" + new string('1', 40)), unknownToUsers);
        yield return new("GET", "/api/v1/licenses/{id}", "unknown licence", _ => Get("/api/v1/licenses/1"), unknownToUsers);
        yield return new("PUT", "/api/v1/licenses/{id}/terms", "unknown licence", _ => Json(HttpMethod.Put, "/api/v1/licenses/1/terms", new { version = 1 }), unknownToUsers);
        yield return new("POST", "/api/v1/licenses/{id}/revoke", "unknown licence", _ => Post("/api/v1/licenses/1/revoke", new { }), unknownToUsers);
        yield return new("POST", "/api/v1/licenses/{id}/signature", "unknown licence", _ => Post("/api/v1/licenses/1/signature", new { signature = World.SomeSignature }), unknownToUsers);
        yield return new("POST", "/api/v1/licenses/{id}/signature-request", "unknown licence", _ => Post("/api/v1/licenses/1/signature-request", new { }), unknownToUsers);
        yield return new("POST", "/api/v1/licenses/{id}/sublicenses", "unknown licence", _ => Post("/api/v1/licenses/1/sublicenses", new { licensee = "x", preset = "personal" }), unknownToUsers);
        yield return new("GET", "/api/v1/me/licenses", "own", _ => Get("/api/v1/me/licenses"), Users200);

        // Verification: open to all; a platform key needs the verify scope.
        int[] verifiers200 = [200, 200, 200, 200, 200, 403, 200, 200];
        yield return new("GET", "/api/v1/verify", "public design", _ => Get($"/api/v1/verify?designId={w.DesignId}&holder=nobody&use=games"), verifiers200);
        yield return new("POST", "/api/v1/verify/batch", "one check", _ => Post("/api/v1/verify/batch", new { checks = new[] { new { designId = w.DesignId, holder = "nobody" } } }), verifiers200);
        yield return new("POST", "/api/v1/verify/image", "hashes", _ => Post("/api/v1/verify/image", new { pdq = new[] { new string('a', 64) }, holder = "nobody" }), verifiers200);

        // The signed-in user's own account.
        yield return new("GET", "/api/v1/me", "read", _ => Get("/api/v1/me"), Users200);
        yield return new("GET", "/api/v1/me/approvals", "own", _ => Get("/api/v1/me/approvals?status=pending"), Users200);
        yield return new("PUT", "/api/v1/me/custody", "custodial", _ => Json(HttpMethod.Put, "/api/v1/me/custody", new { custody = "custodial" }), Users200);
        yield return new("POST", "/api/v1/me/wallets/nonce", "new nonce", _ => Post("/api/v1/me/wallets/nonce", new { }), Users200);
        yield return new("POST", "/api/v1/me/wallets", "not a SIWE message", _ => Post("/api/v1/me/wallets", new { message = "hello", signature = World.SomeSignature }), [401, 400, 400, 400, 403, 403, 400, 400]);
        yield return new("POST", "/api/v1/me/custodial-key/export", "own password", who => Post("/api/v1/me/custodial-key/export", new { password = who == Who.Admin ? VfipFactory.AdminPassword : VfipClient.Password }), Users200);

        // Administration: admins only.
        yield return new("GET", "/api/v1/admin/accounts", "all", _ => Get("/api/v1/admin/accounts"), AdminOnly200);
        yield return new("GET", "/api/v1/admin/accounts/{id}", "a user", _ => Get($"/api/v1/admin/accounts/{w.TargetUserId}"), AdminOnly200);
        yield return new("PUT", "/api/v1/admin/accounts/{id}/roles", "same roles", _ => Json(HttpMethod.Put, $"/api/v1/admin/accounts/{w.TargetUserId}/roles", new { roles = new[] { "designer", "licensee" } }), AdminOnly200);
        yield return new("POST", "/api/v1/admin/accounts/{id}/unlock", "a user", _ => Post($"/api/v1/admin/accounts/{w.TargetUserId}/unlock", new { }), AdminOnly200);
        yield return new("GET", "/api/v1/admin/platform-keys", "all", _ => Get("/api/v1/admin/platform-keys"), AdminOnly200);
        yield return new("POST", "/api/v1/admin/platform-keys", "issue", _ => Post("/api/v1/admin/platform-keys", new { organisation = "Matrix", scopes = new[] { "verify" } }), [401, 403, 403, 403, 403, 403, 403, 201]);
        yield return new("POST", "/api/v1/admin/platform-keys/{id}/revoke", "a key", _ => Post($"/api/v1/admin/platform-keys/{w.TargetKeyId}/revoke", new { }), AdminOnly200);
        yield return new("GET", "/api/v1/admin/audit", "all", _ => Get("/api/v1/admin/audit"), AdminOnly200);

        // Operations and documentation: public.
        yield return new("*", "/health/live", "probe", _ => Get("/health/live"), Everyone200);
        yield return new("*", "/health/ready", "probe", _ => Get("/health/ready"), Everyone200);
        yield return new("GET", "/openapi/{documentName}.json", "document", _ => Get("/openapi/v1.json"), Everyone200);
        yield return new("GET", "/docs/{documentName?}", "reference page", _ => Get("/docs/v1"), Everyone200);
        yield return new("GET", "/docs/scalar.js", "script", _ => Get("/docs/scalar.js"), Everyone200);
        yield return new("GET", "/docs/scalar.aspnetcore.js", "script", _ => Get("/docs/scalar.aspnetcore.js"), Everyone200);
        yield return new("GET", "/docs/favicon.svg", "icon", _ => Get("/docs/favicon.svg"), Everyone200);
    }

    /// <param name="Case">Which situation of the endpoint this is, for the failure message.</param>
    /// <param name="Expected">One status per <see cref="Who"/>, in its order.</param>
    private sealed record Rule(string Method, string Route, string Case, Func<Who, HttpRequestMessage> Request, int[] Expected);

    /// <summary>The callers and the things they act on.</summary>
    private sealed class World
    {
        /// <summary>Well-formed (65 bytes) but nobody's signature of anything.</summary>
        public const string SomeSignature = "0x" + "11111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111" + "1b";

        public required IReadOnlyDictionary<Who, HttpClient> Clients { get; init; }

        public required string DesignId { get; init; }

        public required string DraftId { get; init; }

        public required string TargetUserId { get; init; }

        public required string TargetKeyId { get; init; }

        public HttpRequestMessage Upload() =>
            new(HttpMethod.Post, "/api/v1/designs") { Content = VfipClient.Upload(new { title = "Matrix" }, TestImages.UniquePng()) };

        public static async Task<World> CreateAsync(VfipApiFixture fixture)
        {
            var factory = fixture.Factory;
            var admin = await factory.AdminClientAsync();
            var owner = await factory.SignedInClientAsync();
            var notOwner = await factory.SignedInClientAsync();
            var (licensee, _) = await factory.UserWithRolesAsync(admin, "licensee");
            var (arbiter, _) = await factory.UserWithRolesAsync(admin, "arbiter");
            var (_, targetUserId) = await factory.UserWithRolesAsync(admin, "designer", "licensee");

            // A public design, then (the owner's wallet owning new designs) a draft awaiting the owner's signature.
            var design = await owner.RegisterAsync(new { title = "Public" }, TestImages.UniquePng());
            Assert.Equal(HttpStatusCode.Accepted, design.StatusCode);
            var wallet = await owner.LinkWalletAsync(EthECKey.GenerateKey(), LocalChainFixture.ChainId);
            Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync("/api/v1/me/custody", new { custody = "wallet", address = wallet })).StatusCode);
            var draft = await owner.RegisterAsync(new { title = "Draft" }, TestImages.UniquePng());
            Assert.Equal("awaiting_signature", (await draft.ReadJsonAsync())["status"]!.GetValue<string>());

            return new World
            {
                Clients = new Dictionary<Who, HttpClient>
                {
                    [Who.Anonymous] = factory.CreateClient(),
                    [Who.DesignerOwner] = owner,
                    [Who.DesignerNotOwner] = notOwner,
                    [Who.Licensee] = licensee,
                    [Who.KeyWithScope] = await factory.PlatformClientAsync(admin, "identify", "verify"),
                    [Who.KeyWithoutScope] = await factory.PlatformClientAsync(admin, "reports"),
                    [Who.Arbiter] = arbiter,
                    [Who.Admin] = admin,
                },
                DesignId = (await design.ReadJsonAsync())["id"]!.GetValue<string>(),
                DraftId = (await draft.ReadJsonAsync())["id"]!.GetValue<string>(),
                TargetUserId = targetUserId,
                TargetKeyId = (await TestAccounts.IssueKeyAsync(admin, "reports")).Id,
            };
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuthorizationMatrixTestsOnSqlite(SqliteApiFixture fixture) : AuthorizationMatrixTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class AuthorizationMatrixTestsOnPostgres(PostgresApiFixture fixture) : AuthorizationMatrixTests(fixture);
