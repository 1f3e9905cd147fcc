using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GridSearch.Migrations
{
    /// <inheritdoc />
    public partial class FoldTrials : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "fold_of",
                table: "trials",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_trials_fold_of",
                table: "trials",
                column: "fold_of");

            migrationBuilder.AddForeignKey(
                name: "fk_trials_trials_fold_of",
                table: "trials",
                column: "fold_of",
                principalTable: "trials",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_trials_trials_fold_of",
                table: "trials");

            migrationBuilder.DropIndex(
                name: "ix_trials_fold_of",
                table: "trials");

            migrationBuilder.DropColumn(
                name: "fold_of",
                table: "trials");
        }
    }
}
