using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using GridSearch.Testing;
using GridSearch.Testing.Database;
using GridSearch.Testing.Processes;
using Xunit.Abstractions;

namespace GridSearch.Cli.Tests.Readme;

/// <summary>
/// The README's walkthrough, run as written by bash (set -euo pipefail: any failing command fails it) against
/// the API as a real server and a real worker, after a search that stands in for make demo's, so that a
/// walkthrough that names search 1 reads the wrong one. It runs in a scratch directory whose src/ links to
/// the checkout's, so the CLI is where the README says and its files are written there.
/// </summary>
public sealed partial class WalkthroughTests(ITestOutputHelper log)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(6);

    [Fact]
    public void Walkthrough_NamesNoSearchOrTrialByNumber_AndWritesItsDefinitionBeforeUsingIt()
    {
        var block = ReadmeWalkthrough.Read();

        Assert.DoesNotMatch(@"/api/(searches|trials)/\d", block);
        Assert.DoesNotMatch(@"gridsearch \w+ \d", block);
        Assert.Equal(block.IndexOf("cat > search.json", StringComparison.Ordinal) + "cat > ".Length, block.IndexOf("search.json", StringComparison.Ordinal));
        Assert.Contains("--idempotency-key", block, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Walkthrough_RunAsWrittenAfterTheDemosSearch_SucceedsOnTheSearchItSubmitted()
    {
        Assert.True(OnPath("jq") && OnPath("curl"), "the walkthrough needs jq and curl: scripts/deps.sh installs them");
        var cli = RepositoryRoot.File("src", "Cli", "bin", "Release", "net10.0", "gridsearch.dll");
        Assert.True(File.Exists(cli), $"{cli} is missing: the README's CLI path is the Release build (dotnet build -c Release)");
        await using var database = await TestDatabase.CreateAsync();
        await using var api = DotnetProcess.Start(
            "API",
            typeof(GridSearch.Api.Dashboard.DashboardApi).Assembly.Location,
            ["--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string> { ["GRIDSEARCH_DB"] = database.ConnectionString });
        var url = (await api.WaitForOutputAsync(ListeningLine(), StartTimeout)).Groups["url"].Value;
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var demo = await SubmitDemoStandInAsync(http);
        await using var worker = WorkerProcess.Start(
            database.ConnectionString, dataDirectory: Environment.GetEnvironmentVariable("GRIDSEARCH_DATA") ?? RepositoryRoot.File("data"));
        var scratch = Directory.CreateTempSubdirectory("gridsearch-walkthrough-");
        try
        {
            Directory.CreateSymbolicLink(Path.Combine(scratch.FullName, "src"), RepositoryRoot.File("src"));

            var (exitCode, output) = await RunBashAsync(ReadmeWalkthrough.Read(), scratch.FullName, url);

            log.WriteLine(output);
            Assert.True(exitCode == 0, $"the walkthrough failed (exit {exitCode}):\n{output}\n--- worker:\n{worker.Output}");
            var walkthrough = await database.ScalarAsync("SELECT min(id) FROM searches WHERE name = 'walkthrough'");
            Assert.NotEqual(demo, walkthrough);
            Assert.Equal(4, await database.ScalarAsync($"SELECT count(*) FROM trials WHERE search_id = {walkthrough} AND status = 'succeeded' AND cached_from IS NULL"));
            // The quiet resubmission printed the search the walkthrough made, and --new made one more, from the cache.
            Assert.Contains(output.Split('\n'), line => line.Trim() == walkthrough.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(3, await database.ScalarAsync("SELECT count(*) FROM searches"));
            Assert.Equal(4, await database.ScalarAsync(
                "SELECT count(*) FROM trials t JOIN searches s ON s.id = t.search_id WHERE s.idempotency_key = 'walkthrough-rerun' AND t.cached_from IS NOT NULL"));
            Assert.Equal(0, await database.ScalarAsync($"SELECT count(*) FROM trials WHERE search_id = {demo} AND status <> 'cancelled'"));
            log.WriteLine($"its search took {await database.ScalarAsync($"SELECT extract(epoch FROM max(finished_at) - min(started_at))::bigint FROM trials WHERE search_id = {walkthrough}")} s from first claim to last result");
            var csv = await File.ReadAllLinesAsync(Path.Combine(scratch.FullName, "results.csv"));
            Assert.Equal(5, csv.Length);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    /// <summary>The demo's own definition, submitted and cancelled before any worker runs: it holds the
    /// first ids, as make demo's search does on a reader's machine.</summary>
    private static async Task<long> SubmitDemoStandInAsync(HttpClient http)
    {
        var definition = await File.ReadAllTextAsync(RepositoryRoot.File("examples", "demo-mnist-depth-width.json"));
        using var created = await http.PostAsync("/api/searches", new StringContent(definition, Encoding.UTF8, "application/json"));
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt64();
        (await http.PostAsync($"/api/searches/{id}/cancel", null)).EnsureSuccessStatusCode();
        return id;
    }

    private static async Task<(int ExitCode, string Output)> RunBashAsync(string block, string directory, string apiUrl)
    {
        var script = Path.Combine(directory, "walkthrough.sh");
        await File.WriteAllTextAsync(script, "set -euo pipefail\n" + block);
        var start = new ProcessStartInfo("bash", [script])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["GRIDSEARCH_API"] = apiUrl;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        var output = new StringBuilder();
        void Append(string? line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }

        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(RunTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            lock (output)
            {
                Assert.Fail($"the walkthrough ran past {RunTimeout}:\n{output}");
            }
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, program)));

    [GeneratedRegex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
