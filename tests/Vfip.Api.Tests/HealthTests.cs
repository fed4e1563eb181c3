using System.Net;
using Vfip.Api.Tests.Support;

namespace Vfip.Api.Tests;

public abstract class HealthTests(VfipApiFixture fixture) : IntegrationTest(fixture)
{
    [SkippableFact]
    public async Task Live_AnswersHealthy()
    {
        var response = await Fixture.Factory.CreateClient().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", (await response.ReadJsonAsync())["status"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Ready_ReportsDatabaseChainAndOutbox()
    {
        var client = Fixture.Factory.CreateClient();

        var report = await (await client.GetAsync("/health/ready")).ReadJsonAsync();

        Assert.Equal("healthy", report["checks"]!["database"]!["status"]!.GetValue<string>());
        Assert.Equal("healthy", report["checks"]!["chain"]!["status"]!.GetValue<string>());
        Assert.NotNull(report["checks"]!["outbox"]);
    }

    [SkippableFact]
    public async Task OpenApiDocument_DescribesTheDesignEndpoints()
    {
        var document = await (await Fixture.Factory.CreateClient().GetAsync("/openapi/v1.json")).ReadJsonAsync();

        Assert.NotNull(document["paths"]!["/api/v1/designs"]);
        Assert.NotNull(document["paths"]!["/api/v1/designs/{id}"]);
        Assert.NotNull(document["paths"]!["/api/v1/auth/login"]);
        Assert.Contains("Authentication", document["info"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(document["components"]!["securitySchemes"]!["bearer"]);
        Assert.False(string.IsNullOrWhiteSpace(document["paths"]!["/api/v1/designs"]!["post"]!["description"]?.GetValue<string>()));
    }

    [SkippableFact]
    public async Task ApiReference_AtDocs_IsServedByTheServiceItself()
    {
        var client = Fixture.Factory.CreateClient();

        var page = await client.GetAsync("/docs/");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, src => Assert.DoesNotContain("://", src, StringComparison.Ordinal)); // no CDN
        foreach (var src in scripts)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/docs/{src}")).StatusCode);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HealthTestsOnSqlite(SqliteApiFixture fixture) : HealthTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class HealthTestsOnPostgres(PostgresApiFixture fixture) : HealthTests(fixture);
