using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GridSearch.Migrations
{
    /// <inheritdoc />
    public partial class ResultCache : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "cached_from",
                table: "trials",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "engine_version",
                table: "trials",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_trials_cache",
                table: "trials",
                columns: new[] { "config_hash", "engine_version" },
                filter: "status = 'succeeded' AND cached_from IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_trials_cached_from",
                table: "trials",
                column: "cached_from");

            migrationBuilder.AddForeignKey(
                name: "fk_trials_trials_cached_from",
                table: "trials",
                column: "cached_from",
                principalTable: "trials",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_trials_trials_cached_from",
                table: "trials");

            migrationBuilder.DropIndex(
                name: "ix_trials_cache",
                table: "trials");

            migrationBuilder.DropIndex(
                name: "ix_trials_cached_from",
                table: "trials");

            migrationBuilder.DropColumn(
                name: "cached_from",
                table: "trials");

            migrationBuilder.DropColumn(
                name: "engine_version",
                table: "trials");
        }
    }
}
