using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GridSearch.Migrations
{
    /// <inheritdoc />
    public partial class Repeats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "repeat",
                table: "trials",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "repeat",
                table: "trials");
        }
    }
}
