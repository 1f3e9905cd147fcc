using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GridSearch.Dashboard.Tests;

/// <summary>A search whose configurations ran three times each (seed, seed + 1, seed + 2): the page shows the
/// server's per-configuration board as it is, with error bars on one scale and ties with the best marked.</summary>
[Collection(DashboardCollection.Name)]
public sealed class RepeatsTests(DashboardHost host)
{
    private const string TiedTitle = "Cannot be told apart from the best, Welch's t-test at 5%.";

    // Per grid point (depth, width), the test accuracy of repeat 0, 1 and 2. (1, 32) has the best mean, (1, 16)
    // a slightly lower one with a tighter interval (first by the interval's pessimistic end), (2, 16) is clearly
    // worse, and (2, 32) is far worse on average but so noisy that Welch's test cannot tell it from the best.
    private static readonly Dictionary<(int Depth, int Width), double[]> Accuracies = new()
    {
        [(1, 32)] = [0.90, 0.91, 0.92],
        [(1, 16)] = [0.905, 0.895, 0.90],
        [(2, 16)] = [0.80, 0.81, 0.82],
        [(2, 32)] = [0.70, 0.60, 0.80],
    };

    [Fact]
    public async Task SearchPage_WithRepeatedConfigurations_ShowsTheServersIntervalsErrorBarsAndTies()
    {
        var id = await host.SubmitAsync(Searches.Small("dash-repeats", reuse: false, repeats: 3));
        var worker = new HandWorker(host);
        var trials = await TrialsAsync(id);
        Assert.Equal(12, trials.Count);
        var seed = trials.Min(t => t.GetProperty("config").GetProperty("seed").GetInt64());
        var accuracy = trials.ToDictionary(
            t => t.GetProperty("id").GetInt64(),
            t => Accuracies[GridPoint(t)][t.GetProperty("config").GetProperty("seed").GetInt64() - seed]);
        foreach (var _ in trials)
        {
            await worker.FinishNextAsync(id, trial => accuracy[trial]);
        }

        var board = await BoardAsync(id, "mean");
        Assert.Equal(4, board.Count);
        Assert.All(board, e => Assert.Equal(3, e.GetProperty("repeats").GetProperty("n").GetInt32()));

        await using var page = await host.OpenAsync($"#/searches/{id}");
        var p = page.Page;
        var rows = p.Locator("table.configurations-table tbody tr");
        await ExpectBoardAsync(rows, board);

        // Each row: the server's mean ± half-width and n, and a mark exactly where the server says "tied".
        for (var i = 0; i < board.Count; i++)
        {
            var repeats = board[i].GetProperty("repeats");
            var mean = repeats.GetProperty("mean").GetDouble();
            var row = rows.Nth(i);
            await Expect(row.Locator("td[data-column='mean']")).ToHaveTextAsync($"{Percent(mean)} ± {Percent(repeats.GetProperty("high").GetDouble() - mean)}");
            await Expect(row.Locator("td[data-column='n']")).ToHaveTextAsync("3");
            var tied = board[i].GetProperty("rank").GetInt32() > 1 && repeats.GetProperty("tiedWithBest").ValueKind == JsonValueKind.True;
            await Expect(row.Locator(".tied")).ToHaveCountAsync(tied ? 1 : 0);
            if (tied)
            {
                await Expect(row.Locator(".tied")).ToHaveAttributeAsync("title", TiedTitle);
            }
        }

        // The noisy configuration is tied, the clearly worse one is not: the marks are the test's, not ranks.
        Assert.Contains(board, e => GridPoint(e) == (2, 32) && e.GetProperty("repeats").GetProperty("tiedWithBest").GetBoolean());
        Assert.Contains(board, e => GridPoint(e) == (2, 16) && !e.GetProperty("repeats").GetProperty("tiedWithBest").GetBoolean());

        // The error bars: interval, mean and whisker at the server's low, mean, high, min and max, on one
        // scale for every row (one straight line maps values to pixels across the whole table).
        var geometry = await rows.EvaluateAllAsync<double[][]>("""
            rows => rows.map(r => {
              const left = r.querySelector('svg.error-bar').getBoundingClientRect().left;
              const box = (selector) => r.querySelector(selector).getBoundingClientRect();
              return [box('rect.interval').left - left, box('rect.interval').right - left, box('line.mean-mark').left - left,
                      box('line.whisker').left - left, box('line.whisker').right - left];
            })
            """);
        var first = board[0].GetProperty("repeats");
        var perUnit = (geometry[0][1] - geometry[0][0]) / (first.GetProperty("high").GetDouble() - first.GetProperty("low").GetDouble());
        var origin = geometry[0][0] - (perUnit * first.GetProperty("low").GetDouble());
        Assert.True(perUnit > 100, $"{perUnit} px per unit");
        for (var i = 0; i < board.Count; i++)
        {
            var repeats = board[i].GetProperty("repeats");
            string[] fields = ["low", "high", "mean", "min", "max"];
            for (var f = 0; f < fields.Length; f++)
            {
                Assert.InRange(geometry[i][f], origin + (perUnit * repeats.GetProperty(fields[f]).GetDouble()) - 0.75, origin + (perUnit * repeats.GetProperty(fields[f]).GetDouble()) + 0.75);
            }
        }

        // Every trial in the trials table has its configuration's rank.
        foreach (var entry in board)
        {
            foreach (var trial in entry.GetProperty("repeats").GetProperty("trialIds").EnumerateArray())
            {
                await Expect(p.Locator($"table.leaderboard tr[data-trial='{trial.GetInt64()}'] td[data-column='rank']")).ToHaveTextAsync(entry.GetProperty("rank").GetInt32().ToString(CultureInfo.InvariantCulture));
            }
        }

        // What each axis does, against the noise floor: the bar as long as the axis's share of the repeats'
        // variance, the line at the noise floor, both on the track from 0 to 1.
        var analysis = await host.GetAsync($"/api/searches/{id}/analysis");
        var floor = analysis.GetProperty("noiseFloor").GetDouble();
        Assert.InRange(floor, 0.001, 0.999);
        foreach (var axis in analysis.GetProperty("axes").EnumerateArray())
        {
            var card = p.Locator($".axis-card:has(table.axis-table[data-axis='{axis.GetProperty("axis").GetString()}'])");
            await Expect(card.Locator("tbody td.configurations")).ToHaveTextAsync(["2", "2"]);
            await Expect(card.Locator("tbody td.count")).ToHaveTextAsync(["6 / 6", "6 / 6"]);
            var shares = await card.Locator("svg.noise-floor-chart").EvaluateAsync<double[]>("""
                svg => {
                  const box = (selector) => svg.querySelector(selector).getBoundingClientRect();
                  const track = box('rect.track');
                  return [box('rect.repeat-share').width / track.width, (box('line.noise-floor').left - track.left) / track.width];
                }
                """);
            Assert.Equal(axis.GetProperty("repeatShare").GetDouble(), shares[0], 0.01);
            Assert.Equal(floor, shares[1], 0.01);
        }

        await page.ScreenshotAsync("search-repeats");

        // Ranked by the interval's pessimistic end, the tighter (1, 16) goes first: the rows follow the server.
        await p.Locator("#rank-by").FocusAsync();
        await p.Locator("#rank-by").SelectOptionAsync("lowerBound");
        var byLowerBound = await BoardAsync(id, "lowerBound");
        Assert.Equal((1, 16), GridPoint(byLowerBound[0]));
        await ExpectBoardAsync(rows, byLowerBound);
        await Expect(p.Locator("#rank-by")).ToBeFocusedAsync();
        page.AssertNoConsoleErrors();
    }

    private static async Task ExpectBoardAsync(ILocator rows, IReadOnlyList<JsonElement> board)
    {
        await Expect(rows).ToHaveCountAsync(board.Count);
        for (var i = 0; i < board.Count; i++)
        {
            await Expect(rows.Nth(i)).ToHaveAttributeAsync("data-trial", board[i].GetProperty("trialId").GetInt64().ToString(CultureInfo.InvariantCulture));
            await Expect(rows.Nth(i).Locator("td[data-column='rank']")).ToHaveTextAsync(board[i].GetProperty("rank").GetInt32().ToString(CultureInfo.InvariantCulture));
        }
    }

    private async Task<List<JsonElement>> TrialsAsync(long id) =>
        [.. (await host.GetAsync($"/api/searches/{id}/trials?pageSize=500")).GetProperty("items").EnumerateArray()];

    private async Task<List<JsonElement>> BoardAsync(long id, string rankBy) =>
        [.. (await host.GetAsync($"/api/searches/{id}/leaderboard?top=1000&rankBy={rankBy}")).EnumerateArray()];

    private static (int Depth, int Width) GridPoint(JsonElement trialOrEntry)
    {
        var point = trialOrEntry.GetProperty("gridPoint");
        return (point.GetProperty("depth").GetInt32(), point.GetProperty("width").GetInt32());
    }

    private static string Percent(double share) => (share * 100).ToString("F2", CultureInfo.InvariantCulture) + " %";
}
