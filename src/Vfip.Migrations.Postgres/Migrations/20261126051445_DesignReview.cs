using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vfip.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DesignReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReviewConflictingDesignId",
                table: "Designs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewReason",
                table: "Designs",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReviewConflictingDesignId",
                table: "Designs");

            migrationBuilder.DropColumn(
                name: "ReviewReason",
                table: "Designs");
        }
    }
}
