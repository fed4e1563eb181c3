using System.Net;
using Vfip.Api.Tests.Support;

namespace Vfip.Api.Tests.Security;

/// <summary>Over the configured limit a caller gets 429 with Retry-After and code rate_limited; limits are per caller.</summary>
public abstract class RateLimitTests(VfipApiFixture fixture) : IntegrationTest(fixture)
{
    [SkippableFact]
    public async Task Anonymous_OverTheLimit_Gets429WithRetryAfter_WhileSignedInUsersAndHealthProbesDoNot()
    {
        var store = await Fixture.NewStoreAsync();
        await using var factory = Fixture.CreateFactory(store, new Dictionary<string, string?>
        {
            ["RateLimits:AnonymousPerWindow"] = "3",
            ["RateLimits:SignedInPerWindow"] = "100",
            ["RateLimits:Window"] = "00:10:00", // long enough that the window cannot roll over during the test
        });
        var user = await factory.SignedInClientAsync(); // sign-up and login are anonymous: they use 2 of the 3
        var anonymous = factory.CreateClient();

        var third = await anonymous.GetAsync("/api/v1/designs/nothing/metadata.json");
        var fourth = await anonymous.GetAsync("/api/v1/designs/nothing/metadata.json");

        Assert.Equal(HttpStatusCode.NotFound, third.StatusCode);
        Assert.Equal((HttpStatusCode)429, fourth.StatusCode);
        var retryAfter = Assert.Single(fourth.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 600);
        Assert.Equal("application/problem+json", fourth.Content.Headers.ContentType?.MediaType);
        Assert.Equal("rate_limited", (await fourth.ReadJsonAsync())["code"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        store.Delete();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RateLimitTestsOnSqlite(SqliteApiFixture fixture) : RateLimitTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class RateLimitTestsOnPostgres(PostgresApiFixture fixture) : RateLimitTests(fixture);
