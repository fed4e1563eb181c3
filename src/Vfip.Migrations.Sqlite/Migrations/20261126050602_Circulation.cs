using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vfip.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Circulation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LineageAnchoredAt",
                table: "Designs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LineageRefusal",
                table: "Designs",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ParentsJson",
                table: "Designs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RoyaltyBps",
                table: "Designs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RoyaltySplits",
                table: "Designs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TransferBlockNumber",
                table: "Designs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TransferChainId",
                table: "Designs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransferContract",
                table: "Designs",
                type: "TEXT",
                maxLength: 42,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TransferLogIndex",
                table: "Designs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransferToAddress",
                table: "Designs",
                type: "TEXT",
                maxLength: 42,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransferToUserId",
                table: "Designs",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransferTokenId",
                table: "Designs",
                type: "TEXT",
                maxLength: 78,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransferTxHash",
                table: "Designs",
                type: "TEXT",
                maxLength: 66,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LicenseOffers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DesignId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    TermsJson = table.Column<string>(type: "TEXT", nullable: false),
                    TermsHash = table.Column<string>(type: "TEXT", maxLength: 66, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<string>(type: "TEXT", maxLength: 78, nullable: false),
                    DesignId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OfferId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ParentLicenseId = table.Column<string>(type: "TEXT", maxLength: 78, nullable: true),
                    LicensorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    LicenseeUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    LicenseeAddress = table.Column<string>(type: "TEXT", maxLength: 42, nullable: false),
                    TermsJson = table.Column<string>(type: "TEXT", nullable: false),
                    TermsHash = table.Column<string>(type: "TEXT", maxLength: 66, nullable: false),
                    Salt = table.Column<string>(type: "TEXT", maxLength: 66, nullable: false),
                    StartsAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EndsAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Sublicensable = table.Column<bool>(type: "INTEGER", nullable: false),
                    DerivativesAllowed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Exclusivity = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    GrantChainId = table.Column<long>(type: "INTEGER", nullable: true),
                    GrantContract = table.Column<string>(type: "TEXT", maxLength: 42, nullable: true),
                    GrantTokenId = table.Column<string>(type: "TEXT", maxLength: 78, nullable: true),
                    GrantTxHash = table.Column<string>(type: "TEXT", maxLength: 66, nullable: true),
                    GrantBlockNumber = table.Column<long>(type: "INTEGER", nullable: true),
                    GrantLogIndex = table.Column<int>(type: "INTEGER", nullable: true),
                    RevocationReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RevokedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevocationTxHash = table.Column<string>(type: "TEXT", maxLength: 66, nullable: true),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    GrantedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
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
        }
    }
}
