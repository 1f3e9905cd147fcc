using System.Net.Http.Json;
using GridSearch.Core.Persistence;
using GridSearch.Core.Queue;
using GridSearch.Domain.Trials;
using GridSearch.Testing.Database;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace GridSearch.Testing.Api;

/// <summary>The real API in process over a database of its own on the real PostgreSQL.</summary>
public sealed class ApiHost : IAsyncDisposable
{
    private readonly Factory factory;

    private ApiHost(TestDatabase database, Factory factory)
    {
        Database = database;
        this.factory = factory;
        Client = CreateClient();
        Queue = new TrialQueue(database.DataSource, new QueueOptions());
    }

    public TestDatabase Database { get; }
    public HttpClient Client { get; }
    /// <summary>The API's own services, as its handlers get them.</summary>
    public IServiceProvider Services => factory.Services;
    /// <summary>The queue as a worker sees it, to move trials along the way a worker would.</summary>
    public TrialQueue Queue { get; }

    public static async Task<ApiHost> StartAsync(int? maxTrials = null)
    {
        var database = await TestDatabase.CreateAsync();
        return new ApiHost(database, new Factory(database.ConnectionString, maxTrials, new Dictionary<string, string?>()));
    }

    /// <summary>The API with extra configuration, e.g. GridSearch:RequireApiKey or GridSearch:Limits:*.</summary>
    public static async Task<ApiHost> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var database = await TestDatabase.CreateAsync();
        return new ApiHost(database, new Factory(database.ConnectionString, null, settings));
    }

    /// <summary>The API over a database the test made itself, e.g. on an <see cref="OwnPostgres"/>; disposed with the host.</summary>
    public static ApiHost StartOn(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        return new ApiHost(database, new Factory(database.ConnectionString, null, settings ?? new Dictionary<string, string?>()));
    }

    /// <summary>A client of the same in-process API that sends the given key as its bearer token.</summary>
    public HttpClient ClientWithKey(string secret)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>Creates a key directly in the database, as an admin would, and returns its id and secret.</summary>
    public async Task<(long Id, string Secret)> CreateKeyAsync(string name, GridSearch.Core.Access.ApiKeyScope scope)
    {
        var secret = GridSearch.Core.Access.ApiKeySecret.New();
        await using var command = Database.DataSource.CreateCommand(
            "INSERT INTO api_keys (name, scope, secret_hash, created_at) VALUES (@name, @scope, @hash, now()) RETURNING id");
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("scope", GridSearch.Core.Access.ApiKeyScopeNames.Of(scope));
        command.Parameters.AddWithValue("hash", GridSearch.Core.Access.ApiKeySecret.Hash(secret));
        var id = (long)(await command.ExecuteScalarAsync())!;
        // As a key created through this API would: it may have cached "no keys" for a few seconds.
        Services.GetRequiredService<GridSearch.Core.Access.ApiKeyPresence>().MarkExists();
        return (id, secret);
    }

    /// <summary>As factory.CreateClient() makes it (redirects followed, cookies kept), and each GET waits until the
    /// API has heard the changes the test made before it (<see cref="ChangesHeard"/>).</summary>
    private HttpClient CreateClient() => factory.CreateDefaultClient(
        new Uri("http://localhost"),
        new RedirectHandler(),
        new CookieContainerHandler(),
        new ChangesHeard(factory.Services, Database.DataSource));

    public async Task<long> SubmitAsync(object definition)
    {
        using var response = await Client.PostAsJsonAsync("/api/searches", definition);
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return created.GetProperty("id").GetInt64();
    }

    /// <summary>Claims the next trial and completes it with the given accuracy (and stop reason, and model to keep), as a worker would.</summary>
    public async Task<TrialLease> FinishNextAsync(double accuracy, double loss = 0.1, string stopReason = StopReason.Completed, GridSearch.Core.Models.StoredModel? model = null)
    {
        var lease = await Queue.ClaimAsync("test-worker", CancellationToken.None) ?? throw new InvalidOperationException("Nothing to claim.");
        var result = new TrialResult(accuracy, loss, accuracy - 0.001, loss + 0.01, 1, stopReason, 1234, [[5, 0], [1, 4]]);
        await Queue.RecordEpochAsync(lease, new Epoch { TrialId = lease.TrialId, Number = 1, TrainLoss = 0.3, TrainAccuracy = 0.9, ValLoss = loss, ValAccuracy = accuracy, LearningRate = 0.001, Seconds = 1.5 }, checkpoint: null, CancellationToken.None);
        await Queue.CompleteAsync(lease, result, model, CancellationToken.None);
        return lease;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await factory.DisposeAsync();
        await Database.DisposeAsync();
    }

    private sealed class Factory(string connectionString, int? maxTrials, IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting(DatabaseSettings.EnvironmentVariable, connectionString);
            // Its tests play the worker by hand and expect trials in grid order (the longest-first order
            // has tests of its own, in Core and with real workers).
            builder.UseSetting("GridSearch:LongestFirst", "false");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            if (maxTrials is not null)
            {
                builder.UseSetting("GridSearch:MaxTrialsPerSearch", maxTrials.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }
}
