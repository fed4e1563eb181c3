using Microsoft.AspNetCore.Hosting;
using Vfip.Api;
using Vfip.Api.Endpoints;
using Vfip.Api.Health;
using Vfip.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

// The README promises 127.0.0.1:5080 when neither --urls nor ASPNETCORE_URLS says otherwise.
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5080");
}

builder.Services.AddVfip(builder.Configuration);

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi();
app.MapVfipHealth();
app.MapAuthEndpoints();
app.MapDesignEndpoints();

await app.Services.MigrateDatabaseAsync(app.Lifetime.ApplicationStopping);
await app.RunAsync();

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
