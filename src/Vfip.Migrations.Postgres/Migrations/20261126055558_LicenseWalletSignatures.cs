using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vfip.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LicenseWalletSignatures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "AcceptanceDeadline",
                table: "Licenses",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AcceptanceSignature",
                table: "Licenses",
                type: "character varying(132)",
                maxLength: 132,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GrantSignature",
                table: "Licenses",
                type: "character varying(132)",
                maxLength: 132,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "GrantSignatureDeadline",
                table: "Licenses",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GrantSigner",
                table: "Licenses",
                type: "character varying(42)",
                maxLength: 42,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevocationSignature",
                table: "Licenses",
                type: "character varying(132)",
                maxLength: 132,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RevocationSignatureDeadline",
                table: "Licenses",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevocationSigner",
                table: "Licenses",
                type: "character varying(42)",
                maxLength: 42,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AcceptanceDeadline",
                table: "Licenses");

            migrationBuilder.DropColumn(
                name: "AcceptanceSignature",
                table: "Licenses");

            migrationBuilder.DropColumn(
                name: "GrantSignature",
                table: "Licenses");

            migrationBuilder.DropColumn(
                name: "GrantSignatureDeadline",
                table: "Licenses");

            migrationBuilder.DropColumn(
                name: "GrantSigner",
                table: "Licenses");

            migrationBuilder.DropColumn(
                name: "RevocationSignature",
                table: "Licenses");

            migrationBuilder.DropColumn(
                name: "RevocationSignatureDeadline",
                table: "Licenses");

            migrationBuilder.DropColumn(
                name: "RevocationSigner",
                table: "Licenses");
        }
    }
}
