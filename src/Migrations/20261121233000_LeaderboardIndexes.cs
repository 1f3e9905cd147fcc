using GridSearch.Core.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GridSearch.Migrations;

/// <summary>Leaderboards by test loss and by validation accuracy or loss: without these, a board
/// over a million trials took up to a second (bench/QueueBench); with them, under a millisecond.
/// The last hand-written migration (see <see cref="InitialSchema"/>).</summary>
[DbContext(typeof(GridSearchDbContext))]
[Migration("20261121233000_LeaderboardIndexes")]
public sealed class LeaderboardIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("""
            CREATE INDEX ix_trials_leaderboard_test_loss ON trials (search_id, test_loss, id) WHERE status = 'succeeded';
            CREATE INDEX ix_trials_leaderboard_all_test_loss ON trials (test_loss, id) WHERE status = 'succeeded';
            CREATE INDEX ix_trials_leaderboard_val_accuracy ON trials (search_id, val_accuracy DESC, id) WHERE status = 'succeeded';
            CREATE INDEX ix_trials_leaderboard_all_val_accuracy ON trials (val_accuracy DESC, id) WHERE status = 'succeeded';
            CREATE INDEX ix_trials_leaderboard_val_loss ON trials (search_id, val_loss, id) WHERE status = 'succeeded';
            CREATE INDEX ix_trials_leaderboard_all_val_loss ON trials (val_loss, id) WHERE status = 'succeeded';
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("""
            DROP INDEX ix_trials_leaderboard_test_loss;
            DROP INDEX ix_trials_leaderboard_all_test_loss;
            DROP INDEX ix_trials_leaderboard_val_accuracy;
            DROP INDEX ix_trials_leaderboard_all_val_accuracy;
            DROP INDEX ix_trials_leaderboard_val_loss;
            DROP INDEX ix_trials_leaderboard_all_val_loss;
            """);
    }
}
