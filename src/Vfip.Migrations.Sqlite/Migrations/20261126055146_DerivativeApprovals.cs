using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vfip.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DerivativeApprovals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "InheritedFromLicenseId",
                table: "LicenseOffers",
                type: "TEXT",
                maxLength: 78,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DerivativeApprovals",
                columns: table => new
                {
                    ParentDesignId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DesignId = table.Column<string>(type: "TEXT", nullable: false),
                    LicenseId = table.Column<string>(type: "TEXT", maxLength: 78, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DecidedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DerivativeApprovals", x => new { x.DesignId, x.ParentDesignId });
                    table.ForeignKey(
                        name: "FK_DerivativeApprovals_Designs_DesignId",
                        column: x => x.DesignId,
                        principalTable: "Designs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DerivativeApprovals_ParentDesignId",
                table: "DerivativeApprovals",
                column: "ParentDesignId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DerivativeApprovals");

            migrationBuilder.DropColumn(
                name: "InheritedFromLicenseId",
                table: "LicenseOffers");
        }
    }
}
