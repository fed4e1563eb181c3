using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vfip.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Circulation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Subject",
                table: "OutboxMessages",
                type: "character varying(80)",
                maxLength: 80,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AddColumn<DateTime>(
                name: "LineageAnchoredAt",
                table: "Designs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LineageRefusal",
                table: "Designs",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ParentsJson",
                table: "Designs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RoyaltyBps",
                table: "Designs",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RoyaltySplits",
                table: "Designs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TransferBlockNumber",
                table: "Designs",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TransferChainId",
                table: "Designs",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransferContract",
                table: "Designs",
                type: "character varying(42)",
                maxLength: 42,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TransferLogIndex",
                table: "Designs",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransferToAddress",
                table: "Designs",
                type: "character varying(42)",
                maxLength: 42,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransferToUserId",
                table: "Designs",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransferTokenId",
                table: "Designs",
                type: "character varying(78)",
                maxLength: 78,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransferTxHash",
                table: "Designs",
                type: "character varying(66)",
                maxLength: 66,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LicenseOffers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DesignId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CreatedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    TermsJson = table.Column<string>(type: "text", nullable: false),
                    TermsHash = table.Column<string>(type: "character varying(66)", maxLength: 66, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LicenseOffers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LicenseOffers_Designs_DesignId",
                        column: x => x.DesignId,
                        principalTable: "Designs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Licenses",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(78)", maxLength: 78, nullable: false),
                    DesignId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OfferId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ParentLicenseId = table.Column<string>(type: "character varying(78)", maxLength: 78, nullable: true),
                    LicensorUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    LicenseeUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    LicenseeAddress = table.Column<string>(type: "character varying(42)", maxLength: 42, nullable: false),
                    TermsJson = table.Column<string>(type: "text", nullable: false),
                    TermsHash = table.Column<string>(type: "character varying(66)", maxLength: 66, nullable: false),
                    Salt = table.Column<string>(type: "character varying(66)", maxLength: 66, nullable: false),
                    StartsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EndsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Sublicensable = table.Column<bool>(type: "boolean", nullable: false),
                    DerivativesAllowed = table.Column<bool>(type: "boolean", nullable: false),
                    Exclusivity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    GrantChainId = table.Column<long>(type: "bigint", nullable: true),
                    GrantContract = table.Column<string>(type: "character varying(42)", maxLength: 42, nullable: true),
                    GrantTokenId = table.Column<string>(type: "character varying(78)", maxLength: 78, nullable: true),
                    GrantTxHash = table.Column<string>(type: "character varying(66)", maxLength: 66, nullable: true),
                    GrantBlockNumber = table.Column<long>(type: "bigint", nullable: true),
                    GrantLogIndex = table.Column<int>(type: "integer", nullable: true),
                    RevocationReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RevokedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevocationTxHash = table.Column<string>(type: "character varying(66)", maxLength: 66, nullable: true),
                    RejectionReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    GrantedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Licenses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Licenses_Designs_DesignId",
                        column: x => x.DesignId,
                        principalTable: "Designs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LicenseOffers_DesignId_CreatedAt",
                table: "LicenseOffers",
                columns: new[] { "DesignId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Licenses_DesignId_CreatedAt",
                table: "Licenses",
                columns: new[] { "DesignId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Licenses_LicenseeUserId_CreatedAt",
                table: "Licenses",
                columns: new[] { "LicenseeUserId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Licenses_ParentLicenseId",
                table: "Licenses",
                column: "ParentLicenseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LicenseOffers");

            migrationBuilder.DropTable(
                name: "Licenses");

            migrationBuilder.DropColumn(
                name: "LineageAnchoredAt",
                table: "Designs");

            migrationBuilder.DropColumn(
                name: "LineageRefusal",
                table: "Designs");

            migrationBuilder.DropColumn(
                name: "ParentsJson",
                table: "Designs");

            migrationBuilder.DropColumn(
                name: "RoyaltyBps",
                table: "Designs");

            migrationBuilder.DropColumn(
                name: "RoyaltySplits",
                table: "Designs");

            migrationBuilder.DropColumn(
                name: "TransferBlockNumber",
                table: "Designs");

            migrationBuilder.DropColumn(
                name: "TransferChainId",
                table: "Designs");

            migrationBuilder.DropColumn(
                name: "TransferContract",
                table: "Designs");

            migrationBuilder.DropColumn(
                name: "TransferLogIndex",
                table: "Designs");

            migrationBuilder.DropColumn(
                name: "TransferToAddress",
                table: "Designs");

            migrationBuilder.DropColumn(
                name: "TransferToUserId",
                table: "Designs");

            migrationBuilder.DropColumn(
                name: "TransferTokenId",
                table: "Designs");

            migrationBuilder.DropColumn(
                name: "TransferTxHash",
                table: "Designs");

            migrationBuilder.AlterColumn<string>(
                name: "Subject",
                table: "OutboxMessages",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(80)",
                oldMaxLength: 80);
        }
    }
}
