using GridSearch.Api.Analysis;
using GridSearch.Api.Dashboard;
using GridSearch.Api.Datasets;
using GridSearch.Api.Health;
using GridSearch.Api.Hosting;
using GridSearch.Api.Keys;
using GridSearch.Api.Leaderboard;
using GridSearch.Api.Metrics;
using GridSearch.Api.Models;
using GridSearch.Api.Searches;
using GridSearch.Api.Trials;
using GridSearch.Api.Vocabulary;
using GridSearch.Api.Workers;

var builder = WebApplication.CreateBuilder(args);
builder.AddApplicationServices();

var app = builder.Build();
if (await app.PrepareAsync(args))
{
    return;
}

app.UseApplicationPipeline();
app.MapSearchesApi();
app.MapSearchExportApi();
app.MapEvaluationsApi();
app.MapTrialsApi();
app.MapModelsApi();
app.MapDatasetsApi();
app.MapLeaderboardApi();
app.MapAnalysisApi();
app.MapHistoryApi();
app.MapVocabularyApi();
app.MapHealthApi();
app.MapDashboard();
app.MapKeysApi();
app.MapMetricsApi();
app.MapWorkersApi();
await app.RunAsync();

/// <summary>Entry point; public for WebApplicationFactory in the integration tests.</summary>
public partial class Program;
