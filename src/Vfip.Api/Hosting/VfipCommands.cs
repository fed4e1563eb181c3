using Vfip.Chain.Hosting;
using Vfip.Infrastructure;

namespace Vfip.Api.Hosting;

/// <summary>
/// The API's one-shot commands, for operators and for docker-compose's init services:
/// <c>dotnet Vfip.Api.dll migrate</c> brings the database schema up to date;
/// <c>dotnet Vfip.Api.dll deploy</c> deploys the contracts to the configured chain and writes the deployment record.
/// Both read the same configuration as the service, and exit non-zero on failure.
/// </summary>
internal static class VfipCommands
{
    public const string Migrate = "migrate";
    public const string Deploy = "deploy";

    /// <summary>Runs the command named by the first argument; false when there is none (start the service).</summary>
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0] is not (Migrate or Deploy))
        {
            return false;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Vfip.Commands");
        using var stopping = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stopping.Cancel();
        };

        try
        {
            if (args[0] == Migrate)
            {
                await app.Services.MigrateDatabaseAsync(stopping.Token);
                logger.LogInformation("Database schema is up to date");
            }
            else
            {
                await app.Services.GetRequiredService<ChainDeployment>().RunAsync(stopping.Token);
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or OperationCanceledException)
        {
            logger.LogCritical("{Command} failed: {Reason}", args[0], exception.Message);
            Environment.ExitCode = 1;
        }

        return true;
    }
}
