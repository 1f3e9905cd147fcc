using GridSearch.Core.Leaderboard;
using GridSearch.Core.Tests.Queue;
using GridSearch.Domain.Leaderboard;
using GridSearch.Testing.Database;
using Npgsql;

namespace GridSearch.Core.Tests.Leaderboard;

public sealed class LeaderboardQueryTests
{
    [Fact]
    public async Task SearchBoard_RanksOnlyItsSucceededTrials_BestAccuracyFirst()
    {
        await using var db = await TestDatabase.CreateAsync();
        var search = await SearchAsync(db, "mnist");
        var other = await SearchAsync(db, "mnist");
        var fair = await TrialAsync(db, search, "succeeded", 0.80, 0.5);
        var best = await TrialAsync(db, search, "succeeded", 0.95, 0.2, gridPoint: """{"width": 64}""");
        var good = await TrialAsync(db, search, "succeeded", 0.90, 0.3);
        await TrialAsync(db, search, "failed", 0.99, 0.1);
        await TrialAsync(db, search, "cancelled", 0.99, 0.1);
        await TrialAsync(db, other, "succeeded", 0.99, 0.1);

        var board = await new LeaderboardQuery(db.DataSource).ForSearchAsync(search, 10, LeaderboardMetric.TestAccuracy, default);

        Assert.Equal([best, good, fair], board.Select(e => e.TrialId));
        Assert.Equal([1, 2, 3], board.Select(e => e.Rank));
        Assert.All(board, e => Assert.Equal(search, e.SearchId));
        Assert.Equal(new LeaderboardEntry(1, best, search, 0.95, 0.2, 0.9, 0.25, """{"accuracy": 0.95}""", """{"width": 64}"""), board[0] with { Repeats = null });
    }

    [Fact]
    public async Task BestOfSeveralSearches_IsEachSearchBoardsFirstEntry()
    {
        await using var db = await TestDatabase.CreateAsync();
        var first = await SearchAsync(db, "mnist");
        var second = await SearchAsync(db, "fashion-mnist");
        var empty = await SearchAsync(db, "mnist");
        await TrialAsync(db, first, "succeeded", 0.9, 0.3);
        await TrialAsync(db, first, "succeeded", 0.9, 0.2);
        await TrialAsync(db, first, "failed", 0.99, 0.1);
        await TrialAsync(db, second, "succeeded", 0.7, 0.5);
        await TrialAsync(db, empty, "running", 0.99, 0.1);
        var query = new LeaderboardQuery(db.DataSource);

        var best = await query.BestOfSearchesAsync([first, second, empty], default);

        Assert.Equal([first, second], best.Keys.Order());
        Assert.Equal((await query.ForSearchAsync(first, 1, LeaderboardMetric.TestAccuracy, default))[0] with { Repeats = null }, best[first]);
        Assert.Equal((await query.ForSearchAsync(second, 1, LeaderboardMetric.TestAccuracy, default))[0] with { Repeats = null }, best[second]);
    }

    [Fact]
    public async Task Board_OnTies_BreaksThemByTheOtherMetricThenByTrialId()
    {
        await using var db = await TestDatabase.CreateAsync();
        var search = await SearchAsync(db, "mnist");
        var higherLoss = await TrialAsync(db, search, "succeeded", 0.9, 0.3);
        var firstLow = await TrialAsync(db, search, "succeeded", 0.9, 0.2);
        var secondLow = await TrialAsync(db, search, "succeeded", 0.9, 0.2);
        var lowerAccuracy = await TrialAsync(db, search, "succeeded", 0.8, 0.2);
        var query = new LeaderboardQuery(db.DataSource);

        var byAccuracy = await query.ForSearchAsync(search, 10, LeaderboardMetric.TestAccuracy, default);
        var byLoss = await query.ForSearchAsync(search, 10, LeaderboardMetric.TestLoss, default);

        Assert.Equal([firstLow, secondLow, higherLoss, lowerAccuracy], byAccuracy.Select(e => e.TrialId));
        Assert.Equal([firstLow, secondLow, lowerAccuracy, higherLoss], byLoss.Select(e => e.TrialId));
    }

    [Fact]
    public async Task ValidationBoard_RanksByTheValidationMetric_AndLeavesOutTrialsWithoutOne()
    {
        await using var db = await TestDatabase.CreateAsync();
        var search = await SearchAsync(db, "mnist");
        var a = await TrialAsync(db, search, "succeeded", 0.9, 0.3, valAccuracy: 0.85, valLoss: 0.40);
        var b = await TrialAsync(db, search, "succeeded", 0.8, 0.4, valAccuracy: 0.95, valLoss: 0.45);
        var c = await TrialAsync(db, search, "succeeded", 0.7, 0.5, valAccuracy: 0.90, valLoss: 0.35);
        await TrialAsync(db, search, "succeeded", 0.99, 0.1, valAccuracy: null, valLoss: null);
        var query = new LeaderboardQuery(db.DataSource);

        var byAccuracy = await query.ForSearchAsync(search, 10, LeaderboardMetric.ValAccuracy, default);
        var byLoss = await query.ForSearchAsync(search, 10, LeaderboardMetric.ValLoss, default);

        Assert.Equal([b, c, a], byAccuracy.Select(e => e.TrialId));
        Assert.Equal([c, a, b], byLoss.Select(e => e.TrialId));
    }

    [Fact]
    public async Task Board_WithTop_HoldsAtMostTopEntries()
    {
        await using var db = await TestDatabase.CreateAsync();
        var search = await SearchAsync(db, "mnist");
        for (var i = 0; i < 5; i++)
        {
            await TrialAsync(db, search, "succeeded", 0.5 + (i / 10.0), 0.3);
        }

        var board = await new LeaderboardQuery(db.DataSource).ForSearchAsync(search, 2, LeaderboardMetric.TestAccuracy, default);

        Assert.Equal([0.9, 0.8], board.Select(e => e.TestAccuracy));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(LeaderboardQuery.MaxTop + 1)]
    public async Task Board_WithATopOutsideOneToTheMaximum_IsRefused(int top)
    {
        await using var db = await TestDatabase.CreateAsync();
        var query = new LeaderboardQuery(db.DataSource);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => query.ForSearchAsync(1, top, LeaderboardMetric.TestAccuracy, default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => query.AcrossSearchesAsync(null, top, LeaderboardMetric.TestAccuracy, default));
    }

    [Fact]
    public async Task BoardAcrossSearches_RanksAllOfThemOrThoseOfOneDataset()
    {
        await using var db = await TestDatabase.CreateAsync();
        var mnist = await SearchAsync(db, "mnist");
        var fashion = await SearchAsync(db, "fashion-mnist");
        var mnistBest = await TrialAsync(db, mnist, "succeeded", 0.99, 0.05);
        var mnistNext = await TrialAsync(db, mnist, "succeeded", 0.97, 0.10);
        var fashionBest = await TrialAsync(db, fashion, "succeeded", 0.91, 0.30);
        await TrialAsync(db, fashion, "running", 0.999, 0.01);
        var query = new LeaderboardQuery(db.DataSource);

        var all = await query.AcrossSearchesAsync(null, 10, LeaderboardMetric.TestAccuracy, default);
        var ofFashion = await query.AcrossSearchesAsync("fashion-mnist", 10, LeaderboardMetric.TestAccuracy, default);
        var byLoss = await query.AcrossSearchesAsync("mnist", 1, LeaderboardMetric.TestLoss, default);
        var ofNothing = await query.AcrossSearchesAsync("cifar10", 10, LeaderboardMetric.TestAccuracy, default);

        Assert.Equal([mnistBest, mnistNext, fashionBest], all.Select(e => e.TrialId));
        Assert.Equal([mnist, mnist, fashion], all.Select(e => e.SearchId));
        Assert.Equal([fashionBest], ofFashion.Select(e => e.TrialId));
        Assert.Equal([mnistBest], byLoss.Select(e => e.TrialId));
        Assert.Empty(ofNothing);
    }

    [Fact]
    public async Task AcrossSearches_AConfiguration_AppearsOnceAsItsBestTrialAndOfEqualOnesTheEarliest()
    {
        await using var db = await TestDatabase.CreateAsync();
        var first = await SearchAsync(db, "mnist");
        var again = await SearchAsync(db, "mnist");
        var third = await SearchAsync(db, "mnist");
        var trained = await TrialAsync(db, first, "succeeded", 0.95, 0.2, configHash: "wide");
        var other = await TrialAsync(db, first, "succeeded", 0.90, 0.3, configHash: "narrow");
        var copy = await TrialAsync(db, again, "succeeded", 0.95, 0.2, configHash: "wide");
        var retrainedWorse = await TrialAsync(db, again, "succeeded", 0.85, 0.3, configHash: "narrow");
        var retrainedBetter = await TrialAsync(db, third, "succeeded", 0.97, 0.3, configHash: "narrow");
        var query = new LeaderboardQuery(db.DataSource);

        var all = await query.AcrossSearchesAsync(null, 10, LeaderboardMetric.TestAccuracy, default);
        var ofMnist = await query.AcrossSearchesAsync("mnist", 10, LeaderboardMetric.TestAccuracy, default);
        var byLoss = await query.AcrossSearchesAsync(null, 10, LeaderboardMetric.TestLoss, default);
        var ofOneSearch = await query.ForSearchAsync(again, 10, LeaderboardMetric.TestAccuracy, default);

        Assert.Equal([retrainedBetter, trained], all.Select(e => e.TrialId));
        Assert.Equal([1, 2], all.Select(e => e.Rank));
        Assert.Equal(all, ofMnist);
        Assert.Equal([trained, retrainedBetter], byLoss.Select(e => e.TrialId));
        Assert.Equal([copy, retrainedWorse], ofOneSearch.Select(e => e.TrialId));
        Assert.DoesNotContain(other, all.Select(e => e.TrialId));
    }

    [Fact]
    public async Task AcrossSearches_RepeatsAtTheTop_DoNotShortenTheBoard()
    {
        await using var db = await TestDatabase.CreateAsync();
        var search = await SearchAsync(db, "mnist");
        for (var i = 0; i < 20; i++)
        {
            await TrialAsync(db, await SearchAsync(db, "mnist"), "succeeded", 0.99, 0.1, configHash: "repeated");
        }

        var second = await TrialAsync(db, search, "succeeded", 0.98, 0.1, configHash: "second");
        var third = await TrialAsync(db, search, "succeeded", 0.97, 0.1, configHash: "third");

        var board = await new LeaderboardQuery(db.DataSource).AcrossSearchesAsync(null, 3, LeaderboardMetric.TestAccuracy, default);

        Assert.Equal([0.99, 0.98, 0.97], board.Select(e => e.TestAccuracy));
        Assert.Equal([second, third], board.Skip(1).Select(e => e.TrialId));
    }

    private static async Task<long> SearchAsync(TestDatabase db, string dataset)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        return await QueueTestData.InsertSearchAsync(connection, transaction: null, dataset);
    }

    private static async Task<long> TrialAsync(
        TestDatabase db, long searchId, string status, double testAccuracy, double testLoss, double? valAccuracy = 0.9, double? valLoss = 0.25,
        string? configHash = null, string? gridPoint = null)
    {
        // Each trial its own configuration (grid point) unless the test names one: a search's board has one entry per grid point.
        await using var command = db.DataSource.CreateCommand(
            """
            INSERT INTO trials (search_id, ordinal, status, config, config_hash, grid_point, attempts, max_attempts, available_at,
                                cancel_requested, test_accuracy, test_loss, val_accuracy, val_loss)
            VALUES (@search, 0, @status, jsonb_build_object('accuracy', @test_accuracy), coalesce(@config_hash, gen_random_uuid()::text),
                    coalesce(@grid_point::jsonb, jsonb_build_object('trial', gen_random_uuid())), 1, 3, now(),
                    false, @test_accuracy, @test_loss, @val_accuracy, @val_loss)
            RETURNING id
            """);
        command.Parameters.AddWithValue("search", searchId);
        command.Parameters.AddWithValue("status", status);
        command.Parameters.AddWithValue("test_accuracy", testAccuracy);
        command.Parameters.AddWithValue("test_loss", testLoss);
        command.Parameters.Add(new NpgsqlParameter("config_hash", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)configHash ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("grid_point", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)gridPoint ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("val_accuracy", NpgsqlTypes.NpgsqlDbType.Double) { Value = (object?)valAccuracy ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("val_loss", NpgsqlTypes.NpgsqlDbType.Double) { Value = (object?)valLoss ?? DBNull.Value });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
