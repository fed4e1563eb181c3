using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Diagnostics;
using Vfip.Application.Common.Options;
using Vfip.Application.Features.Verification.Rules;
using Vfip.Fingerprinting;
using Vfip.Infrastructure.Background.Indexing;
using Vfip.Infrastructure.Background.Outbox;
using Vfip.Infrastructure.Blobs;
using Vfip.Infrastructure.Custody;
using Vfip.Infrastructure.Identification;
using Vfip.Infrastructure.Identity;
using Vfip.Infrastructure.Images;
using Vfip.Infrastructure.Persistence;

namespace Vfip.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// Storage, accounts, custody, blobs and image decoding. Everything stateful lives under the data folder
    /// (<c>Vfip:DataDir</c>) unless configuration points elsewhere.
    /// </summary>
    /// <param name="embeddedChain">
    /// Whether the chain is the embedded anvil (the chain adapter's decision, made from <c>Chain:RpcUrl</c>). With SQLite
    /// that is the embedded default, the one set-up that may keep a generated custody key in the data folder.
    /// </param>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, bool embeddedChain)
    {
        services.Configure<VfipOptions>(configuration.GetSection(VfipOptions.Section));
        services.Configure<UploadLimits>(configuration.GetSection(UploadLimits.Section));
        services.Configure<CustodyOptions>(configuration.GetSection(CustodyOptions.Section));
        services.Configure<AdminOptions>(configuration.GetSection(AdminOptions.Section));
        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.Section));
        var dataDir = (configuration.GetSection(VfipOptions.Section).Get<VfipOptions>() ?? new VfipOptions()).ResolveDataDir();

        var provider = (configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions()).Provider;
        var connectionString = VfipDatabase.ConnectionString(provider, configuration.GetConnectionString("Vfip"), dataDir);
        services.Configure<RightsReadModelOptions>(configuration.GetSection(RightsReadModelOptions.Section));
        services.AddSingleton<RightsChangeCommitted>();
        // The store wakes the sender after a commit that queued work; only a hint, harmless where no sender runs.
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IOutboxSignal>(provider => provider.GetRequiredService<OutboxSignal>());
        services.AddSingleton<DomainEventOutbox>();
        services.AddDbContextPool<VfipDbContext>((services, options) => options.Use(provider, connectionString).AddInterceptors(
            services.GetRequiredService<RightsChangeCommitted>(), services.GetRequiredService<DomainEventOutbox>()));
        services.AddScoped<IVfipDbContext>(provider => provider.GetRequiredService<VfipDbContext>());

        services.AddIdentityApiEndpoints<VfipUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddUserManager<VfipUserManager>()
            .AddSignInManager<VfipSignInManager>()
            .AddEntityFrameworkStores<VfipDbContext>();

        // Bearer tokens are protected by this key ring; persisting it lets tokens survive restarts. Replicas
        // share a PostgreSQL database, so there the ring lives in it and a token works on every replica.
        var dataProtection = services.AddDataProtection().SetApplicationName("vfip");
        if (string.Equals(provider, DatabaseProviders.Postgres, StringComparison.OrdinalIgnoreCase))
        {
            dataProtection.PersistKeysToDbContext<VfipDbContext>();
        }
        else
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDir, "keys", "data-protection")));
        }

        var embeddedDefault = embeddedChain && string.Equals(provider, DatabaseProviders.Sqlite, StringComparison.OrdinalIgnoreCase);
        services.AddSingleton(provider => new CustodialKeyVault(
            KeyEncryptionKeys.Load(provider.GetRequiredService<IOptions<CustodyOptions>>().Value, dataDir, embeddedDefault)));
        services.AddSingleton<ICustodialSigner, CustodialSigner>();
        services.AddScoped<IUserWallets, UserWallets>();
        services.AddScoped<IAccounts, Accounts>();
        services.AddScoped<Microsoft.AspNetCore.Authentication.IClaimsTransformation, RoleClaims>();

        var blobDir = configuration.GetSection(VfipOptions.Section).Get<VfipOptions>()?.BlobDir is { Length: > 0 } sharedBlobs
            ? Path.GetFullPath(sharedBlobs)
            : Path.Combine(dataDir, "blobs");
        services.AddSingleton(provider => new FileSystemBlobStore(blobDir, provider.GetRequiredService<ILogger<FileSystemBlobStore>>()));
        services.AddSingleton<IBlobStore>(provider => provider.GetRequiredService<FileSystemBlobStore>());
        services.AddHostedService<BlobTemporaryFileSweep>();
        services.AddMetrics();
        services.TryAddSingleton<VfipMetrics>();
        services.AddSingleton<IPublicLinks, PublicLinks>();
        services.AddSingleton(provider =>
        {
            var limits = provider.GetRequiredService<IOptions<UploadLimits>>().Value;
            return new ImageFingerprinter(new ImageLimits(MaxBytes: limits.MaxImageBytes, MaxPixels: limits.MaxImagePixels));
        });
        services.AddSingleton<IFingerprinter, FingerprinterAdapter>();
        services.AddSingleton<GarmentImageIndex>();
        services.AddSingleton<IImageIndex>(provider => provider.GetRequiredService<GarmentImageIndex>());
        services.AddSingleton<ImageIndexLoader>();
        services.AddSingleton<IImageIndexSync>(provider => provider.GetRequiredService<ImageIndexLoader>());
        services.AddHostedService(provider => provider.GetRequiredService<ImageIndexLoader>());
        services.AddHostedService<RightsChangeFeed>();
        return services;
    }

    /// <summary>
    /// The background work of a replica: the outbox sender and the chain indexer, each elected by its lease. They need the
    /// chain adapter's <see cref="IChainReadiness"/> and <see cref="IChainEventSource"/>; register this after the chain,
    /// so they start after the chain host (they wait for readiness anyway) and stop before it.
    /// </summary>
    public static IServiceCollection AddBackgroundWork(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OutboxOptions>(configuration.GetSection(OutboxOptions.Section));
        services.Configure<IndexerOptions>(configuration.GetSection(IndexerOptions.Section));
        services.AddSingleton<OutboxLeadership>();
        services.AddSingleton<IndexerLeadership>();
        services.AddHostedService<OutboxSender>();
        services.AddHostedService<ChainIndexer>();
        return services;
    }

    /// <summary>Brings the schema up to date (EF Core migrations; never EnsureCreated).</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VfipDbContext>();
        await VfipDatabase.RequireKnownHistoryAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers proceed while the outbox sender writes; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
