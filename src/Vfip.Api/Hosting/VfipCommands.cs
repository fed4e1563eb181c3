using Vfip.Chain.Hosting;
using Vfip.Infrastructure;
using Vfip.Infrastructure.Identity;

namespace Vfip.Api.Hosting;

/// <summary>
/// The API's one-shot commands, for operators and for docker-compose's init services:
/// <c>dotnet Vfip.Api.dll migrate</c> brings the database schema up to date;
/// <c>dotnet Vfip.Api.dll deploy</c> deploys the contracts to the configured chain and writes the deployment record;
/// <c>dotnet Vfip.Api.dll promote-admin --email X --user-id Y</c> makes the existing account Y, whose address is X, admin.
/// All read the same configuration as the service, and exit non-zero on failure.
/// </summary>
internal static class VfipCommands
{
    public const string Migrate = "migrate";
    public const string Deploy = "deploy";
    public const string PromoteAdmin = "promote-admin";

    /// <summary>Runs the command named by the first argument and returns its exit code; null when there is none (start the service).</summary>
    public static async Task<int?> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0] is not (Migrate or Deploy or PromoteAdmin))
        {
            return null;
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
            switch (args[0])
            {
                case Migrate:
                    await app.Services.MigrateDatabaseAsync(stopping.Token);
                    logger.LogInformation("Database schema is up to date");
                    break;
                case Deploy:
                    await app.Services.GetRequiredService<ChainDeployment>().RunAsync(stopping.Token);
                    break;
                default:
                    // Only whoever runs the service (its configuration, its database) can run this: that, and naming the
                    // account's id as well as its address, is the confirmation sign-up alone can never give.
                    await app.Services.PromoteAdminAsync(Option(args, "--email"), Option(args, "--user-id"), stopping.Token);
                    break;
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or OperationCanceledException)
        {
            logger.LogCritical("{Command} failed: {Reason}", args[0], exception.Message);
            return 1;
        }

        return 0;
    }

    /// <summary>The value after <paramref name="name"/> (<c>--name value</c> or <c>--name=value</c>).</summary>
    private static string Option(string[] args, string name)
    {
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == name && i + 1 < args.Length)
            {
                return args[i + 1];
            }

            if (args[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                return args[i][(name.Length + 1)..];
            }
        }

        throw new InvalidOperationException($"{args[0]} needs {name}: promote-admin --email <address> --user-id <id>.");
    }
}
