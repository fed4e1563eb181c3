using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Vfip.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AccountsRolesWallets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OwnerSignature",
                table: "Designs",
                type: "character varying(132)",
                maxLength: 132,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SignatureDeadline",
                table: "Designs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DesignOwnerWallet",
                table: "AspNetUsers",
                type: "character varying(42)",
                maxLength: 42,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuditEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OccurredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Actor = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    Subject = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    IpAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LinkedWallets",
                columns: table => new
                {
                    Address = table.Column<string>(type: "character varying(42)", maxLength: 42, nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    LinkedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LinkedWallets", x => x.Address);
                    table.ForeignKey(
                        name: "FK_LinkedWallets_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlatformKeys",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SecretHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Scopes = table.Column<List<string>>(type: "text[]", nullable: false),
                    IssuedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlatformKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WalletNonces",
                columns: table => new
                {
                    Nonce = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WalletNonces", x => x.Nonce);
                    table.ForeignKey(
                        name: "FK_WalletNonces_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Subject_Id",
                table: "AuditEvents",
                columns: new[] { "Subject", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Type_Id",
                table: "AuditEvents",
                columns: new[] { "Type", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_LinkedWallets_UserId",
                table: "LinkedWallets",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_PlatformKeys_CreatedAt",
                table: "PlatformKeys",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_WalletNonces_ExpiresAt",
                table: "WalletNonces",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_WalletNonces_UserId",
                table: "WalletNonces",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditEvents");

            migrationBuilder.DropTable(
                name: "LinkedWallets");

            migrationBuilder.DropTable(
                name: "PlatformKeys");

            migrationBuilder.DropTable(
                name: "WalletNonces");

            migrationBuilder.DropColumn(
                name: "OwnerSignature",
                table: "Designs");

            migrationBuilder.DropColumn(
                name: "SignatureDeadline",
                table: "Designs");

            migrationBuilder.DropColumn(
                name: "DesignOwnerWallet",
                table: "AspNetUsers");
        }
    }
}
