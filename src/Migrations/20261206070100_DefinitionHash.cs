using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GridSearch.Migrations
{
    /// <inheritdoc />
    public partial class DefinitionHash : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "definition_hash",
                table: "searches",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_searches_definition_hash",
                table: "searches",
                column: "definition_hash");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_searches_definition_hash",
                table: "searches");

            migrationBuilder.DropColumn(
                name: "definition_hash",
                table: "searches");
        }
    }
}
