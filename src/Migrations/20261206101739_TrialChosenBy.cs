using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GridSearch.Migrations
{
    /// <summary>
    /// Which strategy chose each trial's configuration (grid, random, point, start_from, tpe_startup, tpe); NULL while
    /// a TPE search's trial waits for its suggestion at claim. Existing trials were chosen by their search's grid or
    /// random strategy (a fold by the one that chose its source, which is the same).
    /// </summary>
    public partial class TrialChosenBy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "chosen_by",
                table: "trials",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.Sql("""
                UPDATE trials t SET chosen_by = CASE WHEN s.definition->'strategy'->>'kind' = 'random' THEN 'random' ELSE 'grid' END
                FROM searches s WHERE s.id = t.search_id
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "chosen_by",
                table: "trials");
        }
    }
}
