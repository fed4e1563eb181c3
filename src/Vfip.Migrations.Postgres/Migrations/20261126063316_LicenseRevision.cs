using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vfip.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LicenseRevision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "Licenses",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Revision",
                table: "Licenses");
        }
    }
}
