using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Core.Queue;
using GridSearch.Domain.Trials;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GridSearch.Dashboard.Tests;

/// <summary>The search page shows the server's ranks and per-axis figures as they are: the trials table
/// ranks what GET .../leaderboard ranks, the per-axis tables hold what GET .../analysis computed.</summary>
[Collection(DashboardCollection.Name)]
public sealed class RankingTests(DashboardHost host)
{
    [Fact]
    public async Task SearchPage_WithPrunedAndFoldTrials_RanksAsTheServerAndLeavesThemUnranked()
    {
        // Four grid trials finished by hand: the pruned one the most accurate, so ranking by accuracy in the
        // page would put it first; then two folds of the best configuration, more accurate still.
        var id = await host.SubmitAsync(Searches.Small("dash-ranks", reuse: false));
        var worker = new HandWorker(host);
        var pruned = await worker.FinishNextAsync(id, 0.97, StopReason.Pruned);
        var ranked = new[] { await worker.FinishNextAsync(id, 0.90), await worker.FinishNextAsync(id, 0.80), await worker.FinishNextAsync(id, 0.85) };
        using (var evaluate = await host.Client.PostAsJsonAsync($"/api/searches/{id}/evaluate", new { top = 1, folds = 2 }))
        {
            evaluate.EnsureSuccessStatusCode();
        }

        var folds = new[] { await worker.FinishNextAsync(id, 0.99), await worker.FinishNextAsync(id, 0.98) };
        var board = (await host.GetAsync($"/api/searches/{id}/leaderboard?top=1000")).EnumerateArray()
            .ToDictionary(e => e.GetProperty("trialId").GetInt64(), e => e.GetProperty("rank").GetInt32());
        Assert.Equal(ranked.Order(), board.Keys.Order());

        await using var page = await host.OpenAsync($"#/searches/{id}");
        var p = page.Page;
        var rows = p.Locator("table.leaderboard tbody tr");
        await Expect(rows).ToHaveCountAsync(6);
        // Sorted by rank (the page's default): the server's first is the first row once the board is in.
        await Expect(rows.First.Locator("td[data-column='rank']")).ToHaveTextAsync("1");
        await Expect(rows.First).ToHaveAttributeAsync("data-trial", ranked[0].ToString(CultureInfo.InvariantCulture));

        var shown = (await rows.EvaluateAllAsync<string[][]>("rows => rows.map(r => [r.dataset.trial, r.querySelector(\"td[data-column='rank']\").textContent])"))
            .ToDictionary(r => long.Parse(r[0], CultureInfo.InvariantCulture), r => r[1]);
        foreach (var (trial, rank) in board)
        {
            Assert.Equal(rank.ToString(CultureInfo.InvariantCulture), shown[trial]);
        }

        Assert.StartsWith("—", shown[pruned], StringComparison.Ordinal);
        Assert.Contains("Pruned", shown[pruned], StringComparison.Ordinal);
        Assert.All(folds, fold => Assert.StartsWith("— (Fold", shown[fold], StringComparison.Ordinal));

        // The per-axis tables: each value's count, mean and best as the analysis has them (the pruned trial
        // and the folds left out, so three results per axis), laid out, not recomputed. No repeats: no noise floor.
        await Expect(p.Locator(".noise-floor-chart")).ToHaveCountAsync(0);
        var analysis = await host.GetAsync($"/api/searches/{id}/analysis");
        foreach (var axis in analysis.GetProperty("axes").EnumerateArray())
        {
            var name = axis.GetProperty("axis").GetString();
            var table = p.Locator($"table.axis-table[data-axis='{name}']");
            Assert.Equal(3, axis.GetProperty("values").EnumerateArray().Sum(v => v.GetProperty("trials").GetInt32()));
            foreach (var value in axis.GetProperty("values").EnumerateArray())
            {
                var row = table.Locator($"tbody tr[data-value='{value.GetProperty("value").GetRawText()}']");
                await Expect(row.Locator("td.count")).ToHaveTextAsync(string.Create(CultureInfo.InvariantCulture, $"{value.GetProperty("trials").GetInt32()} / {value.GetProperty("gridTrials").GetInt32()}"));
                await Expect(row.Locator("td.mean")).ToHaveTextAsync(Percent(value.GetProperty("mean")));
                await Expect(row.Locator("td.best a")).ToHaveTextAsync(Percent(value.GetProperty("best")));
                await Expect(row.Locator("td.best a")).ToHaveAttributeAsync("href", $"#/trials/{value.GetProperty("bestTrialId").GetInt64()}");
                if (value.GetProperty("highestMean").GetBoolean())
                {
                    await Expect(row).ToHaveClassAsync("top");
                }
                else
                {
                    await Expect(row).Not.ToHaveClassAsync("top");
                }
            }
        }

        await page.ScreenshotAsync("search-ranks");
        page.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task SearchPage_TrialsFinishingWhileOpen_TakeTheServersRanksWithoutReadingAgainOnAClaim()
    {
        var id = await host.SubmitAsync(Searches.Small("dash-live-ranks", reuse: false));
        var worker = new HandWorker(host);
        var first = await worker.FinishNextAsync(id, 0.80);
        await using var page = await host.OpenAsync($"#/searches/{id}");
        var p = page.Page;
        var boardReads = 0;
        p.Request += (_, request) =>
        {
            if (request.Url.Contains($"/api/searches/{id}/leaderboard", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref boardReads);
            }
        };
        await Expect(Rank(p, first)).ToHaveTextAsync("1");

        // A claim changes a trial's status, not what the board is read from: the page shows it running, reading nothing more.
        var reads = Volatile.Read(ref boardReads);
        var queue = new TrialQueue(host.Database.DataSource, new QueueOptions());
        await using (var claimed = await queue.ClaimAsync("hand-worker", CancellationToken.None) ?? throw new InvalidOperationException("nothing queued"))
        {
            await Expect(p.Locator($"table.leaderboard tr[data-trial='{claimed.TrialId.ToString(CultureInfo.InvariantCulture)}'] .badge")).ToHaveTextAsync("running");
            // A round trip through the page after it drew the claim: a read that render started has been sent by now.
            await p.EvaluateAsync("() => null");
            Assert.Equal(reads, Volatile.Read(ref boardReads));
        }

        // A trial that finishes better takes the first rank, as the server's board has it.
        var second = await worker.FinishNextAsync(id, 0.90);
        await Expect(Rank(p, second)).ToHaveTextAsync("1");
        await Expect(Rank(p, first)).ToHaveTextAsync("2");
        Assert.True(Volatile.Read(ref boardReads) > reads);
        page.AssertNoConsoleErrors();
    }

    private static ILocator Rank(IPage page, long trialId) =>
        page.Locator($"table.leaderboard tr[data-trial='{trialId.ToString(CultureInfo.InvariantCulture)}'] td[data-column='rank']");

    private static string Percent(JsonElement share) => (share.GetDouble() * 100).ToString("F2", CultureInfo.InvariantCulture) + " %";
}
