using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vfip.Infrastructure.Identity;
using Vfip.Infrastructure.Persistence;

namespace Vfip.Infrastructure.Tests.Custody;

/// <summary>A real users table (SQLite in memory, the schema EF Core makes) and services over it: what custody reads and writes.</summary>
internal sealed class UsersTable(Action<IServiceCollection>? configure = null) : IAsyncDisposable
{
    private readonly SqliteConnection _database = new("Data Source=:memory:");

    public ServiceProvider Services { get; private set; } = null!;

    public async Task OpenAsync()
    {
        await _database.OpenAsync();
        var services = new ServiceCollection().AddDbContext<VfipDbContext>(options => options.UseSqlite(_database));
        configure?.Invoke(services);
        Services = services.BuildServiceProvider();
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<VfipDbContext>().Database.EnsureCreatedAsync();
    }

    public async Task AddAsync(string id, string address, byte[] sealedKey)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VfipDbContext>();
        db.Users.Add(new VfipUser { Id = id, UserName = id, CustodialAddress = address, SealedCustodialKey = sealedKey });
        await db.SaveChangesAsync();
    }

    public async Task<Dictionary<string, byte[]>> SealedKeysAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VfipDbContext>().Users.ToDictionaryAsync(u => u.Id, u => u.SealedCustodialKey);
    }

    /// <summary>A direct SQL UPDATE of one row's sealed key, as someone writing the database would.</summary>
    public async Task SetSealedKeyAsync(string id, byte[] sealedKey)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<VfipDbContext>().Users.Where(u => u.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.SealedCustodialKey, sealedKey));
    }

    public async ValueTask DisposeAsync()
    {
        if (Services is not null)
        {
            await Services.DisposeAsync();
        }

        await _database.DisposeAsync();
    }
}
