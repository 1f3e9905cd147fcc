using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Testing;
using GridSearch.Testing.Api;
using GridSearch.Testing.Database;
using GridSearch.Testing.Processes;

namespace GridSearch.Worker.Tests;

/// <summary>
/// PostgreSQL stopped (a fast shutdown) and started again in the middle of a search, with the API and a real
/// worker on it. The server is the test's own (<see cref="OwnPostgres"/>): the shared one stays up.
/// </summary>
public sealed class DatabaseOutageTests
{
    private const int Trials = 3;
    private const int Epochs = 6;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private static readonly object Search = MnistSearches.Mlp("outage", [2], [64, 128, 256], Epochs, trainSize: 3000);

    [Fact]
    public async Task OutageShorterThanTheLease_Answers503AndNotReady_ThenTheSearchCompletesWithTheWorkerKeepingItsTrials()
    {
        // Lease 15 s, down 5 s: the lease, last renewed at most 5 s before the stop, outlives the outage.
        await RunThroughOutageAsync(leaseSeconds: 15, down: TimeSpan.FromSeconds(5), async (database, worker) =>
        {
            Assert.Equal(Trials, await database.ScalarAsync("SELECT count(*) FROM trials WHERE attempts = 1"));
            Assert.DoesNotContain("lost its lease", worker.Output);
        });
    }

    [Fact]
    public async Task OutageLongerThanTheLease_TheSearchStillCompletesWithEveryTrialRecordedOnce()
    {
        // Lease 4 s, down 14 s: the running trial's lease expires. Once PostgreSQL is back the test sweeps
        // expired leases at once, as another worker's sweep would: the worker's next write (a heartbeat, an
        // epoch, or the outcome, when the last epoch was written before the sweep) finds its lease gone, drops
        // that attempt, saying "lost its lease" once, and the trial runs again (had the worker renewed first, it kept it).
        var rescued = 0;
        await RunThroughOutageAsync(
            leaseSeconds: 4,
            down: TimeSpan.FromSeconds(14),
            async (database, worker) =>
            {
                Assert.Equal(Trials + rescued, await database.ScalarAsync("SELECT sum(attempts) FROM trials"));
                Assert.Equal(rescued, worker.Output.Split("lost its lease").Length - 1);
            },
            afterRestart: async api => rescued = await api.Queue.RescueExpiredAsync(CancellationToken.None));
    }

    /// <summary>Runs the search, stops PostgreSQL once an epoch is written, checks the API meanwhile, starts it
    /// again after <paramref name="down"/>, and checks the search completed with each trial and epoch once;
    /// then the test's own checks.</summary>
    private static async Task RunThroughOutageAsync(
        int leaseSeconds, TimeSpan down, Func<TestDatabase, DotnetProcess, Task> andThen, Func<ApiHost, Task>? afterRestart = null)
    {
        await using var postgres = await OwnPostgres.StartAsync();
        var database = await TestDatabase.CreateAsync(postgres.ConnectionString);
        await using var api = ApiHost.StartOn(database);
        var id = await api.SubmitAsync(Search);
        await using var worker = WorkerProcess.Start(database.ConnectionString, leaseSeconds: leaseSeconds);
        string Context() => $"{worker.Output}\n--- server log ---\n{postgres.Log}";
        await Eventually.HoldsAsync(async () => await database.ScalarAsync("SELECT count(*) FROM epochs") >= 1, Patience, Context);

        await postgres.StopAsync();

        using (var response = await api.Client.GetAsync($"/api/searches/{id}"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
        }

        using (var ready = await api.Client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }

        await Task.Delay(down);
        await postgres.StartServerAsync();
        // The test's own pool still holds connections the restart closed.
        database.DataSource.Clear();
        if (afterRestart is not null)
        {
            await afterRestart(api);
        }

        await Eventually.HoldsAsync(async () => (await api.Client.GetAsync("/health/ready")).IsSuccessStatusCode, Patience, Context);
        await Eventually.HoldsAsync(
            async () => (await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}")).GetProperty("status").GetString() == "completed",
            Patience,
            Context);
        Assert.True(Trials == await database.ScalarAsync("SELECT count(*) FROM trials WHERE status = 'succeeded'"), Context());
        // Every epoch once: each trial's numbers are exactly 1..Epochs.
        Assert.Equal(Trials * Epochs, await database.ScalarAsync("SELECT count(*) FROM epochs"));
        Assert.Equal(Trials, await database.ScalarAsync(
            $"SELECT count(*) FROM (SELECT trial_id FROM epochs GROUP BY trial_id HAVING count(DISTINCT number) = {Epochs} AND min(number) = 1 AND max(number) = {Epochs}) t"));
        // Recorded once: one "ended" line per trial that the queue took, whatever the lost attempts printed.
        Assert.Equal(Trials, worker.Output.Split('\n').Count(line => line.Contains(" ended ", StringComparison.Ordinal) && !line.Contains("not recorded", StringComparison.Ordinal)));
        await andThen(database, worker);
    }
}
