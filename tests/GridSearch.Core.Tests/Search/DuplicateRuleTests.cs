using System.Text.Json;
using GridSearch.Core.Access;
using GridSearch.Core.Estimates;
using GridSearch.Core.Leaderboard;
using GridSearch.Core.Queue;
using GridSearch.Core.Search;
using GridSearch.Domain.Definition;
using GridSearch.Testing.Database;

namespace GridSearch.Core.Tests.Search;

/// <summary>The duplicate rule through the service on the real PostgreSQL: which earlier search answers a
/// definition submitted again, and when a new one is made.</summary>
public sealed class DuplicateRuleTests : IAsyncLifetime
{
    private const string Definition = """
        { "name": "dw", "dataset": "mnist", "model": "mlp", "grid": { "width": [16, 32] }, "fixed": { "epochs": 1 } }
        """;

    private TestDatabase db = null!;

    public async Task InitializeAsync() => db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await db.DisposeAsync();

    private async Task<SearchSubmission> SubmitAsync(string definition, long? owner = null, bool forceNew = false, string? key = null)
    {
        await using var context = db.CreateDbContext();
        using var json = JsonDocument.Parse(definition);
        var service = new SearchService(
            context, new TrialQueue(db.DataSource, new QueueOptions()), new ResultCache(db.DataSource, new QueueOptions()),
            new LeaderboardQuery(db.DataSource), new SearchLimits(), new EpochRateQuery(db.DataSource), TimeProvider.System);
        var submission = await service.SubmitAsync(json.RootElement, key, owner, forceNew, default);
        Assert.True(submission.IsValid);
        return submission;
    }

    private async Task<long> KeyAsync(string name)
    {
        await using var command = db.DataSource.CreateCommand(
            "INSERT INTO api_keys (name, scope, secret_hash, created_at) VALUES ($1, $2, $3, now()) RETURNING id");
        command.Parameters.AddWithValue(name);
        command.Parameters.AddWithValue(ApiKeyScopeNames.Of(ApiKeyScope.Submit));
        command.Parameters.AddWithValue(ApiKeySecret.Hash(ApiKeySecret.New()));
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Submit_SameDefinitionAgain_AnswersWithTheEarlierSearch_AndWritesNothing()
    {
        var first = await SubmitAsync(Definition);

        var again = await SubmitAsync(Definition.Replace(" ", "", StringComparison.Ordinal));

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(first.Search!.Id, again.Search!.Id);
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM searches"));
        Assert.Equal(2, await db.ScalarAsync("SELECT count(*) FROM trials"));
    }

    [Fact]
    public async Task Submit_AnotherDefinition_MakesANewSearch()
    {
        var first = await SubmitAsync(Definition);

        var other = await SubmitAsync(Definition.Replace("[16, 32]", "[16, 64]", StringComparison.Ordinal));

        Assert.False(other.Duplicate);
        Assert.NotEqual(first.Search!.Id, other.Search!.Id);
    }

    [Fact]
    public async Task Submit_AfterTheEarlierSearchWasCancelled_MakesANewSearch_AndThatOneAnswersNext()
    {
        var first = await SubmitAsync(Definition);
        await new TrialQueue(db.DataSource, new QueueOptions()).CancelSearchAsync(first.Search!.Id, default);

        var second = await SubmitAsync(Definition);
        var third = await SubmitAsync(Definition);

        Assert.False(second.Duplicate);
        Assert.NotEqual(first.Search.Id, second.Search!.Id);
        Assert.True(third.Duplicate);
        Assert.Equal(second.Search.Id, third.Search!.Id);
    }

    [Fact]
    public async Task Submit_ByAnotherKey_MakesASearchOfItsOwn_AndEachKeyIsAnsweredWithItsOwn()
    {
        var alice = await KeyAsync("alice");
        var bob = await KeyAsync("bob");
        var open = await SubmitAsync(Definition);
        var alices = await SubmitAsync(Definition, alice);

        var bobs = await SubmitAsync(Definition, bob);
        var alicesAgain = await SubmitAsync(Definition, alice);
        var openAgain = await SubmitAsync(Definition);

        Assert.False(alices.Duplicate);
        Assert.False(bobs.Duplicate);
        Assert.Equal(3, new[] { open.Search!.Id, alices.Search!.Id, bobs.Search!.Id }.Distinct().Count());
        Assert.Equal(alices.Search.Id, alicesAgain.Search!.Id);
        Assert.Equal(open.Search.Id, openAgain.Search!.Id);
    }

    [Fact]
    public async Task Submit_ForcedNew_MakesANewSearch_WhichTheNextResubmissionAnswersWith()
    {
        var first = await SubmitAsync(Definition);

        var forced = await SubmitAsync(Definition, forceNew: true);
        var again = await SubmitAsync(Definition);

        Assert.False(forced.Duplicate);
        Assert.NotEqual(first.Search!.Id, forced.Search!.Id);
        Assert.Equal(forced.Search.Id, again.Search!.Id);
        Assert.Equal(2, await db.ScalarAsync("SELECT count(*) FROM searches"));
    }

    [Fact]
    public async Task Submit_ManyOfOneDefinitionAtOnce_MakeOneSearch()
    {
        var submissions = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => SubmitAsync(Definition)));

        Assert.Single(submissions.Select(s => s.Search!.Id).Distinct());
        Assert.Single(submissions, s => !s.Duplicate);
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM searches"));
    }
}
