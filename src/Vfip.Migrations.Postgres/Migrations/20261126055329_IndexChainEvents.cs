using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vfip.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class IndexChainEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "TermsJson",
                table: "Licenses",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AlterColumn<string>(
                name: "Salt",
                table: "Licenses",
                type: "character varying(66)",
                maxLength: 66,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(66)",
                oldMaxLength: 66);

            migrationBuilder.AddColumn<long>(
                name: "RevocationBlockNumber",
                table: "Licenses",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RevocationChainId",
                table: "Licenses",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevocationContract",
                table: "Licenses",
                type: "character varying(42)",
                maxLength: 42,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RevocationLogIndex",
                table: "Licenses",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevocationTokenId",
                table: "Licenses",
                type: "character varying(78)",
                maxLength: 78,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ChainCursors",
                columns: table => new
                {
                    ChainId = table.Column<long>(type: "bigint", nullable: false),
                    Contract = table.Column<string>(type: "character varying(42)", maxLength: 42, nullable: false),
                    NextBlock = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChainCursors", x => new { x.ChainId, x.Contract });
                });

            // Revocations recorded before the rest of their chain record was stored keep a complete record (the same
            // contract and token as the grant); the indexer's first pass, which starts at the deployment block because
            // no cursor exists yet, then writes their real block number and log index.
            migrationBuilder.Sql("""
                UPDATE "Licenses" SET "RevocationChainId" = "GrantChainId", "RevocationContract" = "GrantContract",
                    "RevocationTokenId" = "GrantTokenId", "RevocationBlockNumber" = 0, "RevocationLogIndex" = 0
                WHERE "RevocationTxHash" IS NOT NULL AND "RevocationChainId" IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChainCursors");

            migrationBuilder.DropColumn(
                name: "RevocationBlockNumber",
                table: "Licenses");

            migrationBuilder.DropColumn(
                name: "RevocationChainId",
                table: "Licenses");

            migrationBuilder.DropColumn(
                name: "RevocationContract",
                table: "Licenses");

            migrationBuilder.DropColumn(
                name: "RevocationLogIndex",
                table: "Licenses");

            migrationBuilder.DropColumn(
                name: "RevocationTokenId",
                table: "Licenses");

            migrationBuilder.AlterColumn<string>(
                name: "TermsJson",
                table: "Licenses",
                type: "text",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Salt",
                table: "Licenses",
                type: "character varying(66)",
                maxLength: 66,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(66)",
                oldMaxLength: 66,
                oldNullable: true);
        }
    }
}
