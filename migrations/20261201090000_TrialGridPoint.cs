using GridSearch.Core.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GridSearch.Migrations;

/// <summary>Each trial keeps its grid point: the values of the axes its search varies. Trials queued
/// before this migration get an empty one.</summary>
[DbContext(typeof(GridSearchDbContext))]
[Migration("20261201090000_TrialGridPoint")]
public sealed class TrialGridPoint : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("ALTER TABLE trials ADD grid_point jsonb NOT NULL DEFAULT '{}'::jsonb;");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("ALTER TABLE trials DROP COLUMN grid_point;");
    }
}
