using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vfip.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ImageSignals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "Signals",
                table: "DesignImages",
                type: "BLOB",
                nullable: false,
                defaultValue: new byte[0]);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Signals",
                table: "DesignImages");
        }
    }
}
