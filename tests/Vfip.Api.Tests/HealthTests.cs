using System.Net;
using Vfip.Api.Tests.Support;

namespace Vfip.Api.Tests;

[Collection(VfipCollection.Name)]
public sealed class HealthTests(VfipApiFixture fixture)
{
    [Fact]
    public async Task Live_AnswersHealthy()
    {
        var response = await fixture.Factory.CreateClient().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", (await response.ReadJsonAsync())["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ready_ReportsDatabaseChainAndOutbox()
    {
        var client = fixture.Factory.CreateClient();

        var report = await (await client.GetAsync("/health/ready")).ReadJsonAsync();

        Assert.Equal("healthy", report["checks"]!["database"]!["status"]!.GetValue<string>());
        Assert.Equal("healthy", report["checks"]!["chain"]!["status"]!.GetValue<string>());
        Assert.NotNull(report["checks"]!["outbox"]);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheDesignEndpoints()
    {
        var document = await (await fixture.Factory.CreateClient().GetAsync("/openapi/v1.json")).ReadJsonAsync();

        Assert.NotNull(document["paths"]!["/api/v1/designs"]);
        Assert.NotNull(document["paths"]!["/api/v1/designs/{id}"]);
        Assert.NotNull(document["paths"]!["/api/v1/auth/login"]);
    }
}
