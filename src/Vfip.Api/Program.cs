using Microsoft.AspNetCore.Hosting;
using Vfip.Api;
using Vfip.Api.Endpoints;
using Vfip.Api.Health;
using Vfip.Api.Hosting;
using Vfip.Infrastructure;
using Vfip.Infrastructure.Custody;
using Vfip.Infrastructure.Identity;

var builder = WebApplication.CreateBuilder(args);

// The README promises 127.0.0.1:5080 when neither --urls nor ASPNETCORE_URLS says otherwise.
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5080");
}

builder.Services.AddVfip(builder.Configuration);

var app = builder.Build();

// `migrate`, `deploy` and `promote-admin` do their one job and exit, without starting the web server or the chain host.
if (await VfipCommands.TryRunAsync(app, args) is { } exitCode)
{
    Environment.ExitCode = exitCode;
    return;
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseRateLimiter(); // after authentication: limits are per key, per user, or per IP for anonymous callers
app.UseAuthorization();

app.MapOpenApi();
app.MapApiReference();
app.MapVfipHealth();
app.MapAuthEndpoints();
app.MapDesignEndpoints();
app.MapIdentifyEndpoints();
app.MapLicenseEndpoints();
app.MapVerifyEndpoints();
app.MapMeEndpoints();
app.MapAdminEndpoints();

await app.Services.MigrateDatabaseAsync(app.Lifetime.ApplicationStopping);
await app.Services.PrepareCustodyAsync(app.Lifetime.ApplicationStopping); // the key-encryption key (or refuse to start), format-1 keys re-sealed
await app.Services.BootstrapAccountsAsync(app.Lifetime.ApplicationStopping); // roles, and the first admin from Admin:*
await app.RunAsync();

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
