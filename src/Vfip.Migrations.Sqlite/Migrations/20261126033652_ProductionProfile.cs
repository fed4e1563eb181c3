using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vfip.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ProductionProfile : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "Designs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Hand-written: designs that exist already get their place in insertion (rowid) order.
            migrationBuilder.Sql(
                """UPDATE "Designs" SET "Sequence" = (SELECT COUNT(*) FROM "Designs" AS "Earlier" WHERE "Earlier".rowid <= "Designs".rowid);""");

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Leases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Until = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Leases", x => x.Name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Designs_Sequence",
                table: "Designs",
                column: "Sequence",
                unique: true);

            // Hand-written: SQLite has one auto-increment per table, the key. Writers are serialised, so MAX + 1
            // inside the insert is commit order (VfipDbContext declares the trigger so EF reads the value back).
            migrationBuilder.Sql(
                """
                CREATE TRIGGER "Designs_AssignSequence" AFTER INSERT ON "Designs"
                BEGIN
                    UPDATE "Designs" SET "Sequence" = (SELECT COALESCE(MAX("Sequence"), 0) + 1 FROM "Designs") WHERE "Id" = NEW."Id";
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Designs_AssignSequence";""");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "Leases");

            migrationBuilder.DropIndex(
                name: "IX_Designs_Sequence",
                table: "Designs");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "Designs");
        }
    }
}
