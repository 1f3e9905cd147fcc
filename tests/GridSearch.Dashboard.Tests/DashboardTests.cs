using System.Globalization;
using System.Text.Json;
using GridSearch.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GridSearch.Dashboard.Tests;

/// <summary>
/// The dashboard in Chromium against the real API, real workers training on MNIST and PostgreSQL.
/// Each test saves a screenshot of its page under artifacts/screenshots/.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardTests(DashboardHost host)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Slowly = new() { Timeout = 90_000 };

    /// <summary>Each cell's own first text, without the marks (best, highest mean) added after it.</summary>
    private const string FirstTexts = "cells => cells.map(c => c.firstChild.textContent.trim())";

    [Fact]
    public async Task SearchesPage_ShowsANewSearchLive_AndItsProgressBarMovesToTheEnd()
    {
        await using var page = await host.OpenAsync("#/");
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = "Searches", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Page.Locator(".feed")).ToContainTextAsync("Live");

        // Submitted while the page is open, before any worker runs: it appears by the event stream, at 0.
        var id = await host.SubmitAsync(Searches.Small("dash-live"));
        var bar = page.Page.GetByRole(AriaRole.Progressbar, new() { Name = "Progress of dash-live", Exact = true });
        await Expect(bar).ToHaveAttributeAsync("aria-valuenow", "0");
        await Expect(bar).ToHaveAttributeAsync("aria-valuemax", "4");
        var row = page.Page.Locator($"tr[data-search='{id}']");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("queued");

        await using var worker = host.StartWorker();
        var seen = new List<int>();
        await Eventually.HoldsAsync(
            async () =>
            {
                var now = int.Parse((await bar.GetAttributeAsync("aria-valuenow"))!, CultureInfo.InvariantCulture);
                if (seen.Count == 0 || seen[^1] != now)
                {
                    seen.Add(now);
                }

                return now == 4;
            },
            TimeSpan.FromSeconds(90),
            () => worker.Output);

        Assert.Equal(seen.Order(), seen);
        Assert.True(seen.Count >= 2, $"the bar went {string.Join(" → ", seen)}");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("completed");
        await Expect(row.Locator("td").Nth(2)).ToContainTextAsync("%");
        await Expect(bar).ToHaveAttributeAsync("aria-valuetext", new System.Text.RegularExpressions.Regex("^4 of 4 trials finished, 4 succeeded"));
        await page.ScreenshotAsync("searches");
        page.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task SearchPage_DrawsLearningCurvesLeaderboardParallelCoordinatesAndPerAxisTables()
    {
        var id = await host.CompletedSearchAsync();
        await using var page = await host.OpenAsync($"#/searches/{id}");
        var p = page.Page;
        await Expect(p.GetByRole(AriaRole.Heading, new() { Name = "dash", Level = 1 })).ToBeVisibleAsync();
        await Expect(p.Locator(".title-row .badge")).ToHaveTextAsync("completed");

        // The four trials' validation curves, three epochs each, in both charts.
        var curves = p.Locator("#curves svg path.series");
        await Expect(curves).ToHaveCountAsync(8);
        foreach (var points in await curves.EvaluateAllAsync<string[]>("paths => paths.map(p => p.dataset.points)"))
        {
            Assert.Equal("3", points);
        }

        await Expect(p.GetByRole(AriaRole.Img, new() { Name = "Validation accuracy per epoch, top trials" })).ToBeVisibleAsync();

        // What each axis does: depth 1 and 2, width 16 and 32, each with a mean and a best accuracy.
        foreach (var (axis, values) in new[] { ("depth", new[] { "1", "2" }), ("width", new[] { "16", "32" }) })
        {
            var table = p.Locator($"table.axis-table[data-axis='{axis}']");
            await Expect(table.Locator("caption")).ToContainTextAsync(axis);
            await Expect(table.Locator("tbody tr")).ToHaveCountAsync(2);
            Assert.Equal(values, await table.Locator("tbody th").EvaluateAllAsync<string[]>(FirstTexts));
            foreach (var mean in await table.Locator("tbody td.mean").AllInnerTextsAsync())
            {
                Assert.Matches(@"\d+\.\d\d %", mean);
            }
        }

        // The leaderboard: every trial, the varying axes as columns, sortable from the keyboard.
        var leaderboard = p.Locator("table.leaderboard");
        await Expect(leaderboard.Locator("tbody tr")).ToHaveCountAsync(4);
        await Expect(leaderboard.Locator("thead")).ToContainTextAsync("depth");
        await Expect(leaderboard.Locator("thead")).ToContainTextAsync("width");
        // Rank, trial, status, depth, width, then test accuracy: sorted best first.
        var accuracies = await leaderboard.Locator("tbody tr > :nth-child(6)").AllInnerTextsAsync();
        Assert.All(accuracies, a => Assert.EndsWith("%", a, StringComparison.Ordinal));
        Assert.Equal(accuracies.OrderByDescending(Percent), accuracies);
        await p.GetByRole(AriaRole.Button, new() { Name = "Test loss" }).FocusAsync();
        await p.Keyboard.PressAsync("Enter");
        await Expect(p.Locator("th[aria-sort]")).ToContainTextAsync("Test loss");
        await Expect(p.Locator("th[aria-sort]")).ToHaveAttributeAsync("aria-sort", "ascending");
        await Expect(p.GetByRole(AriaRole.Button, new() { Name = "Test loss" })).ToBeFocusedAsync();

        await Expect(p.Locator("#parallel svg path.trial-line")).ToHaveCountAsync(4);

        // The export links, and what they serve.
        var csvHref = await p.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).GetAttributeAsync("href");
        var csv = await host.Client.GetStringAsync(csvHref);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("trialId,ordinal,status,", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"[16,16]\"", csv, StringComparison.Ordinal);
        var jsonHref = await p.GetByRole(AriaRole.Link, new() { Name = "Export JSON" }).GetAttributeAsync("href");
        var json = await host.GetAsync(jsonHref!);
        Assert.Equal(4, json.GetArrayLength());
        Assert.All(json.EnumerateArray(), row => Assert.True(row.GetProperty("testAccuracy").GetDouble() > 0.1));

        await p.GetByRole(AriaRole.Button, new() { Name = "Test accuracy" }).ClickAsync();
        await page.ScreenshotAsync("search");
        page.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task TrialPage_ShowsItsHistoryAsPlotAndTable_AndItsConfusionMatrix()
    {
        var searchId = await host.CompletedSearchAsync();
        var best = (await host.GetAsync($"/api/searches/{searchId}")).GetProperty("best");
        var trialId = best.GetProperty("trialId").GetInt64();
        var testAccuracy = best.GetProperty("testAccuracy").GetDouble();

        // Reached the way a person would: from the search's best-accuracy card.
        await using var page = await host.OpenAsync($"#/searches/{searchId}");
        var p = page.Page;
        await p.Locator(".cards a").First.ClickAsync();
        await Expect(p.GetByRole(AriaRole.Heading, new() { Name = $"Trial {trialId}", Level = 1 })).ToBeVisibleAsync();
        await Expect(p.GetByRole(AriaRole.Heading, new() { Name = $"Trial {trialId}", Level = 1 })).ToBeFocusedAsync();

        var history = p.Locator("table.epochs tbody tr");
        await Expect(history).ToHaveCountAsync(3);
        Assert.Equal(["1", "2", "3"], await history.Locator("th").EvaluateAllAsync<string[]>(FirstTexts));
        await Expect(p.Locator("#history svg path.series")).ToHaveCountAsync(4);
        await Expect(p.Locator("#run")).ToContainTextAsync("/cpu");
        await Expect(p.Locator("#run")).ToContainTextAsync("Attempts");

        var matrix = p.Locator("table.confusion");
        await Expect(matrix.Locator("tbody tr")).ToHaveCountAsync(10);
        await Expect(matrix.Locator("td.cell")).ToHaveCountAsync(100);
        var counts = (await matrix.Locator("tbody tr").EvaluateAllAsync<int[][]>(
            "rows => rows.map(r => [...r.querySelectorAll('td.cell')].map(c => Number(c.textContent)))"));
        var total = counts.Sum(r => r.Sum());
        var correct = Enumerable.Range(0, 10).Sum(i => counts[i][i]);
        Assert.True(total > 0);
        Assert.Equal(testAccuracy, (double)correct / total, 3);
        var diagonal = await matrix.Locator("td.diagonal").First.EvaluateAsync<string>("c => getComputedStyle(c).backgroundColor");
        Assert.NotEqual("rgb(255, 255, 255)", diagonal);

        await page.ScreenshotAsync("trial");
        page.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task CancelButton_CancelsTheRunningSearch_FromTheKeyboard()
    {
        var id = await host.SubmitAsync(Searches.Slow("dash-cancel"));
        await using var worker = host.StartWorker();
        await using var page = await host.OpenAsync($"#/searches/{id}");
        var p = page.Page;
        await Expect(p.Locator(".title-row .badge")).ToHaveTextAsync("running", new() { Timeout = 60_000 });
        await Expect(p.Locator("#curves svg path.series").First).ToBeVisibleAsync(new() { Timeout = 60_000 });

        // The running trial's own page follows it live too: its history grows while it trains.
        var running = (await host.GetAsync($"/api/searches/{id}/trials?status=running")).GetProperty("items")[0].GetProperty("id").GetInt64();
        await using var trialPage = await host.OpenAsync($"#/trials/{running}");
        var history = trialPage.Page.Locator("table.epochs tbody tr:not(:has(td[colspan]))");
        await Expect(history.First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var before = await history.CountAsync();
        await Expect(history).Not.ToHaveCountAsync(before, new() { Timeout = 30_000 });
        await Expect(trialPage.Page.Locator(".title-row .badge")).ToHaveTextAsync("running");

        var cancel = p.GetByRole(AriaRole.Button, new() { Name = "Cancel search" });
        await cancel.FocusAsync();
        await p.Keyboard.PressAsync("Enter");
        var yes = p.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel search" });
        await Expect(yes).ToBeFocusedAsync();
        await p.Keyboard.PressAsync("Enter");

        await Expect(p.Locator(".title-row .badge")).ToHaveTextAsync("cancelled");
        await Expect(p.GetByRole(AriaRole.Button, new() { Name = "Cancelled" })).ToBeDisabledAsync();
        await Eventually.HoldsAsync(
            async () =>
            {
                var counts = (await host.GetAsync($"/api/searches/{id}")).GetProperty("counts");
                return counts.GetProperty("cancelled").GetInt32() == 2 && counts.GetProperty("running").GetInt32() == 0;
            },
            TimeSpan.FromSeconds(30),
            () => worker.Output);
        var trained = (await host.GetAsync($"/api/trials/{running}")).GetProperty("epochs").GetArrayLength();
        Assert.InRange(trained, 1, 199);
        await Expect(trialPage.Page.Locator(".title-row .badge")).ToHaveTextAsync("cancelled");
        await Expect(trialPage.Page.Locator("table.epochs tbody tr")).ToHaveCountAsync(trained);
        trialPage.AssertNoConsoleErrors();
        await Expect(p.GetByRole(AriaRole.Progressbar, new() { Name = "Progress of search " + id, Exact = true })).ToHaveAttributeAsync("aria-valuenow", "2", Slowly);
        await Expect(p.Locator(".cards")).ToContainTextAsync("Cancelled2");
        // The stopped trial's curve stays on the page: no trial succeeded to take its place.
        await Expect(p.Locator("#curves svg path.series").First).ToBeVisibleAsync();
        await Expect(p.Locator("#curves .legend-list")).ToContainTextAsync("cancelled");
        await page.ScreenshotAsync("search-cancelled");
        page.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task WithoutEventSource_ThePagesFallBackToPolling()
    {
        var id = await host.CompletedSearchAsync();
        await using var page = await host.OpenAsync("#/", "delete window.EventSource;");
        var p = page.Page;
        await Expect(p.Locator(".feed")).ToContainTextAsync("Polling");
        await Expect(p.GetByRole(AriaRole.Progressbar, new() { Name = "Progress of dash", Exact = true })).ToHaveAttributeAsync("aria-valuenow", "4");

        await p.GetByRole(AriaRole.Link, new() { Name = "dash", Exact = true }).ClickAsync();
        await Expect(p).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"#/searches/{id}$"));
        await Expect(p.Locator(".feed")).ToContainTextAsync("Polling");
        await Expect(p.Locator("#curves svg path.series")).ToHaveCountAsync(8);
        page.AssertNoConsoleErrors();
    }

    private static double Percent(string text) => double.Parse(text.Replace("%", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
}
