using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GridSearch.Migrations
{
    /// <inheritdoc />
    public partial class TrialMachine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "machine",
                table: "trials",
                type: "jsonb",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "machine",
                table: "trials");
        }
    }
}
