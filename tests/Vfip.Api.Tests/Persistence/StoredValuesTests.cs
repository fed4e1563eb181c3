using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vfip.Domain.Designs;
using Vfip.Domain.Licensing;
using Vfip.Infrastructure.Persistence;

namespace Vfip.Api.Tests.Persistence;

/// <summary>
/// The typed terms and lineage through a real SQLite file migrated by the SQLite migrations (no service, no chain): the
/// columns keep what they always held, above all the canonical JSON whose SHA-256 is the anchored TermsHash (ADR 0023).
/// </summary>
public sealed class StoredValuesTests : IDisposable
{
    private static readonly DateTime Now = new(2027, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    private const string Licensee = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

    private readonly string _folder = Directory.CreateTempSubdirectory("vfip-stored-values-").FullName;

    private static LicenseTerms Terms => LicensePresets.Get(LicensePresets.Remix)! with
    {
        Platforms = [" Roblox", "ZEPETO"],
        Territories = ["FR", "DE"],
        UpfrontFee = new UpfrontFee(25.50m, "EUR"),
        EndsAt = Now.AddYears(1).AddMilliseconds(400),
    };

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task TypedValues_StoreTheirJson_ReadBack_AndStayUnchangedUntilChanged()
    {
        var cancellation = CancellationToken.None;
        await using (var db = NewContext())
        {
            await db.Database.MigrateAsync(cancellation);
            db.Designs.Add(NewDesign("d1", parents: [new DerivativeParent("p1", "77")], royalty: new Royalty(500, [new RoyaltySplit("u1", 60m, "designer"), new RoyaltySplit("u2", 40m, "texture")])));
            db.Designs.Add(NewDesign("d2"));
            db.LicenseOffers.Add(LicenseOffer.Create("o1", "d1", "u1", Terms, Now));
            db.Licenses.Add(License.Accept("1", "d1", "o1", null, "u1", "u2", Licensee, Terms, "0x01", Now));
            db.Licenses.Add(License.ObserveGrant(
                "2", "d1", null, "u1", string.Empty, Licensee, Terms.Hash(), null, null, null, false, true, new ChainRecord(31337, "0x01", "9", "0xaa", 3, 0), Now));
            await db.SaveChangesAsync(cancellation);
        }

        await using (var db = NewContext())
        {
            var canonical = Encoding.UTF8.GetString(Terms.CanonicalJson());
            Assert.Equal((canonical, Terms.Hash()), await ColumnsAsync(db, "SELECT TermsJson, TermsHash FROM Licenses WHERE Id = '1'"));
            Assert.Equal((canonical, Terms.Hash()), await ColumnsAsync(db, "SELECT TermsJson, TermsHash FROM LicenseOffers WHERE Id = 'o1'"));
            Assert.Equal(Terms.Hash(), Sha256(canonical));
            Assert.Equal((null, Terms.Hash()), await ColumnsAsync(db, "SELECT TermsJson, TermsHash FROM Licenses WHERE Id = '2'"));
            Assert.Equal(
                ("""[{"designId":"p1","licenseId":"77"}]""", """[{"to":"u1","share":60,"role":"designer"},{"to":"u2","share":40,"role":"texture"}]"""),
                await ColumnsAsync(db, "SELECT ParentsJson, RoyaltySplits FROM Designs WHERE Id = 'd1'"));
            Assert.Equal((null, null), await ColumnsAsync(db, "SELECT ParentsJson, RoyaltySplits FROM Designs WHERE Id = 'd2'"));

            // Read back, the terms re-hash to the anchored hash; what was only read is not written again.
            var licenses = await db.Licenses.OrderBy(l => l.Id).ToListAsync(cancellation);
            var offer = await db.LicenseOffers.SingleAsync(cancellation);
            var designs = await db.Designs.OrderBy(d => d.Id).ToListAsync(cancellation);
            Assert.Equal(licenses[0].TermsHash, licenses[0].Terms!.Hash());
            Assert.Equal(canonical, Encoding.UTF8.GetString(offer.Terms.CanonicalJson()));
            Assert.Null(licenses[1].Terms);
            Assert.Equal([new DerivativeParent("p1", "77")], designs[0].Parents);
            Assert.Equal([new RoyaltySplit("u1", 60m, "designer"), new RoyaltySplit("u2", 40m, "texture")], designs[0].Royalty!.Splits);
            Assert.Empty(designs[1].Parents);
            Assert.Null(designs[1].Royalty);
            Assert.False(db.ChangeTracker.HasChanges());
            Assert.Equal(0, await db.SaveChangesAsync(cancellation));

            // The queries the use cases run on the converted columns translate.
            Assert.Equal(["2"], await db.Licenses.Where(l => l.Terms == null).Select(l => l.Id).ToListAsync(cancellation));
            var known = await db.Licenses.AsNoTracking().Where(l => l.TermsHash == Terms.Hash() && l.Terms != null).Select(l => l.Terms).FirstOrDefaultAsync(cancellation);
            Assert.Equal(Terms.Hash(), known!.Hash());
            var offered = await db.LicenseOffers.AsNoTracking().Where(o => o.TermsHash == Terms.Hash()).Select(o => o.Terms).FirstOrDefaultAsync(cancellation);
            Assert.Equal(Terms.Hash(), offered!.Hash());

            // A change to a typed value is detected and stored: only the licence that changed gets a new revision.
            licenses[1].PublishTerms(Terms);
            designs[1].ObserveDerivativeLink(new DerivativeParent("p9", "99"), Now);
            await db.SaveChangesAsync(cancellation);
        }

        await using (var db = NewContext())
        {
            Assert.Equal((Encoding.UTF8.GetString(Terms.CanonicalJson()), Terms.Hash()), await ColumnsAsync(db, "SELECT TermsJson, TermsHash FROM Licenses WHERE Id = '2'"));
            Assert.Equal(("""[{"designId":"p9","licenseId":"99"}]""", null), await ColumnsAsync(db, "SELECT ParentsJson, RoyaltySplits FROM Designs WHERE Id = 'd2'"));
            Assert.Equal([0, 1], await db.Licenses.OrderBy(l => l.Id).Select(l => l.Revision).ToListAsync(cancellation));
        }
    }

    private VfipDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<VfipDbContext>();
        // No pooling: the folder is deleted at the end.
        options.Use(DatabaseProviders.Sqlite, $"Data Source={Path.Combine(_folder, "vfip.db")};Pooling=False");
        return new VfipDbContext(options.Options);
    }

    private static Design NewDesign(string id, IReadOnlyList<DerivativeParent>? parents = null, Royalty? royalty = null) =>
        Design.Register(id, "u1", "0x803275140077727b9842E805C624325873f029A5", "Bomber", null, DesignCategory.Outerwear, [],
            [new DesignImage(0, new string(id[^1], 64), new string('0', 64), 100, 10, 10, "image/png", 100, [1, 2, 3])],
            _ => [1], Now, royalty: royalty, parents: parents).Design;

    // The raw columns, as any other reader of the database sees them.
    private static async Task<(string?, string?)> ColumnsAsync(VfipDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    private static string Sha256(string text) => "0x" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
