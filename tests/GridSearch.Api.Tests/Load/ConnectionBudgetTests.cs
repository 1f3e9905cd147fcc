using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Api.Dashboard;
using GridSearch.Testing;
using GridSearch.Testing.Api;
using GridSearch.Testing.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GridSearch.Api.Tests.Load;

/// <summary>The API's share of PostgreSQL's connections: its pool, bounded by Database:MaxPoolSize; requests
/// wait in it, and are answered 503 with Retry-After when none comes free within Database:PoolWaitSeconds.</summary>
public sealed class ConnectionBudgetTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly object TwoTrials = new { name = "budget", dataset = "mnist", model = "mlp", grid = new { width = new[] { 16, 32 } } };

    [Fact]
    public async Task Get_WhileEveryPooledConnectionIsBusy_Answers503WithRetryAfter_ThenServesOnceOneIsFree()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var api = ApiHost.StartOn(database, new Dictionary<string, string?> { ["Database:MaxPoolSize"] = "2", ["Database:PoolWaitSeconds"] = "1" });
        var id = await api.SubmitAsync(TwoTrials);
        // The change listener holds one of the two; the test takes the other from the API's own pool.
        await Eventually.HoldsAsync(() => Task.FromResult(api.Services.GetRequiredService<SearchChangeHub>().IsListening), Patience, () => "the API never listened");
        var held = await api.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();

        using (var busy = await api.Client.GetAsync($"/api/searches/{id}/trials"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), busy.Headers.RetryAfter?.Delta);
            Assert.Equal("application/problem+json", busy.Content.Headers.ContentType?.MediaType);
            var problem = await busy.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("The API is busy.", problem.GetProperty("title").GetString());
            Assert.Contains("Database:PoolWaitSeconds", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        await held.DisposeAsync();
        using var free = await api.Client.GetAsync($"/api/searches/{id}/trials");
        Assert.Equal(HttpStatusCode.OK, free.StatusCode);
    }

    [Fact]
    public async Task ManyRequestsAtOnce_WaitInThePool_AndNeverOpenMoreConnectionsThanIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        const string Name = "gridsearch-budget-test";
        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString) { ApplicationName = Name }.ConnectionString;
        await using var api = ApiHost.StartOn(database, new Dictionary<string, string?>
        {
            ["GRIDSEARCH_DB"] = connection, ["Database:MaxPoolSize"] = "3", ["Database:PoolWaitSeconds"] = "30",
        });
        var id = await api.SubmitAsync(TwoTrials);
        using var stop = new CancellationTokenSource();
        var peak = 0L;
        var watching = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, await database.ScalarAsync($"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{Name}'"));
                await Task.Delay(20, CancellationToken.None);
            }
        });

        // The trials list is read afresh by every request, unlike the status.
        var answers = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => Task.Run(async () =>
        {
            using var response = await api.Client.GetAsync($"/api/searches/{id}/trials?pageSize=100");
            return response.StatusCode;
        })));
        await stop.CancelAsync();
        await watching;

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.InRange(peak, 1, 3);
    }

    [Theory]
    [InlineData("Database:MaxPoolSize", "1")]
    [InlineData("Database:PoolWaitSeconds", "0")]
    public async Task Start_WithABudgetOutOfRange_StopsNamingTheSetting(string key, string value)
    {
        await using var database = await TestDatabase.CreateAsync();

        // The host starts with the API's first client, and stops there.
        var refused = Record.Exception(() => ApiHost.StartOn(database, new Dictionary<string, string?> { [key] = value }));

        Assert.IsType<OptionsValidationException>(refused is AggregateException { InnerException: { } inner } ? inner : refused);
        Assert.Contains(key, refused!.ToString(), StringComparison.Ordinal);
    }
}
