using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GridSearch.Testing;
using GridSearch.Testing.Database;
using GridSearch.Testing.Processes;
using Microsoft.Playwright;

namespace GridSearch.Dashboard.Tests;

/// <summary>
/// Everything the browser tests share: a fresh database on the real PostgreSQL, the API as a real
/// Kestrel server on a loopback port, and Debian's Chromium driven by Playwright. Workers are started
/// per test (<see cref="StartWorker"/>) so each test decides when training begins.
/// </summary>
public sealed partial class DashboardHost : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim completedLock = new(1, 1);
    private long? completedSearch;
    private TestDatabase? database;
    private DotnetProcess? api;
    private IPlaywright? playwright;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");
    public HttpClient Client { get; } = new();
    public IBrowser Browser { get; private set; } = null!;
    public TestDatabase Database => database ?? throw new InvalidOperationException("Not started.");
    public string ApiOutput => api?.Output ?? "";

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        api = DotnetProcess.Start(
            "API",
            typeof(GridSearch.Api.Dashboard.DashboardApi).Assembly.Location,
            ["--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string> { ["GRIDSEARCH_DB"] = database.ConnectionString });
        var listening = await api.WaitForOutputAsync(ListeningLine(), StartTimeout);
        BaseAddress = new Uri(listening.Groups["url"].Value);
        Client.BaseAddress = BaseAddress;

        // Playwright cannot download a browser here: it drives Debian's (`make deps` installs it).
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install -y chromium");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A real worker process, one slot on the CPU, against the test database.</summary>
    public DotnetProcess StartWorker() => WorkerProcess.Start(
        Database.ConnectionString,
        dataDirectory: Environment.GetEnvironmentVariable("GRIDSEARCH_DATA") ?? RepositoryRoot.File("data"));

    public async Task<long> SubmitAsync(object definition)
    {
        using var response = await Client.PostAsJsonAsync("/api/searches", definition);
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return created.GetProperty("id").GetInt64();
    }

    public async Task<JsonElement> GetAsync(string url) => await Client.GetFromJsonAsync<JsonElement>(url);

    public async Task WaitForStatusAsync(long searchId, string status, DotnetProcess worker, TimeSpan timeout) =>
        await Eventually.HoldsAsync(
            async () => (await GetAsync($"/api/searches/{searchId}")).GetProperty("status").GetString() == status,
            timeout,
            () => worker.Output);

    /// <summary>The small search, trained to completion once and shared by the tests that only read it.</summary>
    public async Task<long> CompletedSearchAsync()
    {
        await completedLock.WaitAsync();
        try
        {
            if (completedSearch is { } done)
            {
                return done;
            }

            // Trained, not answered by the cache: the pages under test show who trained each trial and how.
            var id = await SubmitAsync(Searches.Small("dash", reuse: false));
            await using (var worker = StartWorker())
            {
                await WaitForStatusAsync(id, "completed", worker, TimeSpan.FromMinutes(2));
            }

            completedSearch = id;
            return id;
        }
        finally
        {
            completedLock.Release();
        }
    }

    /// <summary>A page at laptop size that records every console error and uncaught exception.</summary>
    public async Task<DashboardPage> OpenAsync(string hash, string? initScript = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 800 },
        });
        if (initScript is not null)
        {
            await context.AddInitScriptAsync(initScript);
        }

        var page = new DashboardPage(context, await context.NewPageAsync());
        await page.Page.GotoAsync("/" + hash);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (playwright is not null)
        {
            await Browser.CloseAsync();
            playwright.Dispose();
        }

        if (api is not null)
        {
            await api.DisposeAsync();
        }

        Client.Dispose();
        completedLock.Dispose();
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
