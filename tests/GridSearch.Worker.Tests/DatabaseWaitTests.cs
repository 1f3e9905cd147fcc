using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GridSearch.Testing;
using GridSearch.Testing.Api;
using GridSearch.Testing.Database;
using GridSearch.Testing.Processes;
using Npgsql;

namespace GridSearch.Worker.Tests;

/// <summary>
/// A worker started while its database cannot have it yet (PostgreSQL not started, every connection the
/// database allows taken, the schema not migrated) waits, saying for what, and trains once the database takes it:
/// real worker processes against real servers.
/// </summary>
public sealed class DatabaseWaitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private static readonly object OneTrial = MnistSearches.Mlp("waited", [1], [16], epochs: 1, trainSize: 500);

    // Roles are cluster-wide, and test runs share the cluster: made once, tolerating a concurrent run. Not a
    // superuser, whom a database's connection limit does not hold.
    private const string WorkerLogin = "gridsearch_worker_wait_test";

    private const string CreateWorkerLogin = $"""
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{WorkerLogin}') THEN
                CREATE ROLE {WorkerLogin} LOGIN PASSWORD '{WorkerLogin}' IN ROLE gridsearch_worker;
            END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END $$;
        """;

    [Fact]
    public async Task Start_WhilePostgreSqlIsDown_WaitsAndTrainsOnceItIsUp()
    {
        await using var postgres = await OwnPostgres.StartAsync();
        var database = await TestDatabase.CreateAsync(postgres.ConnectionString);
        await using var api = ApiHost.StartOn(database);
        var id = await api.SubmitAsync(OneTrial);
        await postgres.StopAsync();

        await using var worker = WorkerProcess.Start(database.ConnectionString);
        await worker.WaitForOutputAsync(new Regex("Waiting for the database at .*: it does not answer"), Patience);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await postgres.StartServerAsync();
        // The test's own pool still holds connections the stop closed.
        database.DataSource.Clear();

        await CompletesAsync(api, id, worker, () => postgres.Log);
    }

    [Fact]
    public async Task Start_WhileTheDatabaseHasNoConnectionToSpare_WaitsAndTrainsOnceOneIsFree()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var api = ApiHost.StartOn(database);
        var id = await api.SubmitAsync(OneTrial);
        await database.ExecuteAsync(CreateWorkerLogin);
        await database.ExecuteAsync($"ALTER DATABASE {database.Name} CONNECTION LIMIT 0");
        var login = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = WorkerLogin, Password = WorkerLogin };

        await using var worker = WorkerProcess.Start(login.ConnectionString);
        // PostgreSQL's 53300: "too many connections for database", what a crowded server answers.
        await worker.WaitForOutputAsync(new Regex("Waiting for the database at .*: it does not answer .*too many connections"), Patience);
        await database.ExecuteAsync($"ALTER DATABASE {database.Name} CONNECTION LIMIT -1");

        await CompletesAsync(api, id, worker, () => "");
    }

    [Fact]
    public async Task Start_OnADatabaseNotMigratedYet_WaitsAndTrainsOnceTheApiMigratesIt()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        await using var worker = WorkerProcess.Start(database.ConnectionString);
        await worker.WaitForOutputAsync(new Regex("Waiting for the database at .*: it has no trials table yet"), Patience);

        // The API migrates as it starts.
        await using var api = ApiHost.StartOn(database);
        var id = await api.SubmitAsync(OneTrial);

        await CompletesAsync(api, id, worker, () => "");
    }

    [Fact]
    public async Task Sigterm_WhileWaitingForTheDatabase_ExitsZeroAtOnce()
    {
        // Port 1 on loopback: nothing listens there, so every try is refused at once.
        await using var worker = WorkerProcess.Start("Host=127.0.0.1;Port=1;Username=gridsearch;Password=secret;Database=gridsearch");
        await worker.WaitForOutputAsync(new Regex("Waiting for the database at Host=127.0.0.1;Port=1;Database=gridsearch: it does not answer"), Patience);

        worker.Signal(DotnetProcess.SigTerm);

        Assert.True(await worker.WaitForExitAsync(TimeSpan.FromSeconds(20)), worker.Output);
        Assert.Equal(0, worker.ExitCode);
        Assert.DoesNotContain("secret", worker.Output, StringComparison.Ordinal);
    }

    private static Task CompletesAsync(ApiHost api, long id, DotnetProcess worker, Func<string> server) => Eventually.HoldsAsync(
        async () => (await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}")).GetProperty("status").GetString() == "completed",
        Patience,
        () => $"{worker.Output}\n--- server log ---\n{server()}");
}
