using System.Globalization;
using System.Text.Json;
using GridSearch.Domain.Vocabulary;
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
        // Trained, not answered by the result cache from the completed search other tests share.
        var id = await host.SubmitAsync(Searches.Small("dash-live", reuse: false));
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

        // Importance: a bar per varying axis, each a share of the variance; the Pareto front over the
        // four trials, at least the most accurate one on it.
        var bars = p.Locator("#analysis svg rect.importance-bar");
        await Expect(bars).ToHaveCountAsync(2);
        Assert.Equal(["depth", "width"], (await bars.EvaluateAllAsync<string[]>("bars => bars.map(b => b.dataset.axis)")).Order());
        Assert.All(await bars.EvaluateAllAsync<double[]>("bars => bars.map(b => Number(b.dataset.importance))"), share => Assert.InRange(share, 0, 1));
        await Expect(p.Locator("#analysis svg circle.trial-point")).ToHaveCountAsync(4);
        Assert.InRange(await p.Locator("#analysis svg circle.trial-point.front").CountAsync(), 1, 4);
        await Expect(p.GetByRole(AriaRole.Img, new() { Name = "Test accuracy against parameters, Pareto front highlighted" })).ToBeVisibleAsync();

        // The export links, and what they serve.
        var csvHref = await p.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).GetAttributeAsync("href");
        var csv = await host.Client.GetStringAsync(csvHref);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("depth,width,trialId,ordinal,repeat,status,", lines[0], StringComparison.Ordinal);
        Assert.Contains(",16-16,", csv, StringComparison.Ordinal);
        var jsonHref = await p.GetByRole(AriaRole.Link, new() { Name = "Export JSON" }).GetAttributeAsync("href");
        var json = await host.GetAsync(jsonHref!);
        Assert.Equal(4, json.GetArrayLength());
        Assert.All(json.EnumerateArray(), row => Assert.True(row.GetProperty("testAccuracy").GetDouble() > 0.1));

        await p.GetByRole(AriaRole.Button, new() { Name = "Test accuracy" }).ClickAsync();
        await page.ScreenshotAsync("search");
        page.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task SearchPage_HasTheSearchsAxesAsColumnsAndPlotAxes_AndShowsEachTrialsGridPoint()
    {
        var id = await host.CompletedSearchAsync();
        var axes = AxesOf(await host.GetAsync($"/api/searches/{id}"));
        Assert.Equal(["depth", "width"], axes);
        var trials = (await host.GetAsync($"/api/searches/{id}/trials?pageSize=500")).GetProperty("items").EnumerateArray().ToList();
        await using var page = await host.OpenAsync($"#/searches/{id}");
        var p = page.Page;
        var leaderboard = p.Locator("table.leaderboard");
        await Expect(leaderboard.Locator("tbody tr")).ToHaveCountAsync(4);

        // The columns after rank, trial and status are exactly the search's axes, in grid order.
        var headers = (await leaderboard.Locator("thead th").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
        Assert.Equal(axes, headers.Skip(3).Take(axes.Count));
        Assert.Equal(axes, (await leaderboard.Locator("thead th[data-axis]").AllInnerTextsAsync()).Select(t => t.Trim()));

        // Each trial's cells are its grid point as the user wrote it: depth 2, not its layers 16-16.
        foreach (var trial in trials)
        {
            var point = trial.GetProperty("gridPoint");
            var row = leaderboard.Locator($"tbody tr:has(a[href='#/trials/{trial.GetProperty("id").GetInt64()}'])");
            Assert.Equal(axes.Select(a => Axis.Print(point.GetProperty(a))), await row.Locator("td[data-axis]").AllInnerTextsAsync());
            if (point.GetProperty("depth").GetInt32() == 2)
            {
                var depth = await row.Locator("td[data-axis='depth']").InnerTextAsync();
                Assert.Equal("2", depth);
                Assert.NotEqual(Axis.Print(trial.GetProperty("config").GetProperty("hiddenLayers")), depth);
            }
        }

        // The plot's axes are the same, then the metric; the curves' legend names trials by their grid point, name=value.
        var titles = await p.Locator("#parallel text.axis-title").AllTextContentsAsync();
        Assert.Equal([.. axes, "test accuracy"], titles);
        var bestId = (await host.GetAsync($"/api/searches/{id}")).GetProperty("best").GetProperty("trialId").GetInt64();
        var best = trials.Single(t => t.GetProperty("id").GetInt64() == bestId);
        var label = string.Join(' ', axes.Select(a => $"{a}={Axis.Print(best.GetProperty("gridPoint").GetProperty(a))}"));
        await Expect(p.Locator("#curves .legend-list")).ToContainTextAsync($"Trial {best.GetProperty("id").GetInt64()} ({label})");
        page.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task SearchPage_OrdersAxesAsTheVocabulary_NotAsTheDefinitionNamesThem_AndChoicesAsPublished()
    {
        var id = await host.SubmitAsync(Searches.OutOfOrder("dash-order"));
        try
        {
            var axes = AxesOf(await host.GetAsync($"/api/searches/{id}"));
            Assert.Equal(["depth", "width", "optimizer"], axes);
            await using var page = await host.OpenAsync($"#/searches/{id}");
            var p = page.Page;

            // Queued trials already have their grid points: the table shows them before any training.
            var leaderboard = p.Locator("table.leaderboard");
            await Expect(leaderboard.Locator("tbody tr")).ToHaveCountAsync(8);
            Assert.Equal(axes, (await leaderboard.Locator("thead th[data-axis]").AllInnerTextsAsync()).Select(t => t.Trim()));
            await Expect(leaderboard.Locator("tbody tr").First.Locator("td[data-axis]")).ToHaveTextAsync(["2", "32", "sgd"]);

            // Numbers ascending; the optimizers in the vocabulary's order of choices (sgd before adam).
            var vocabulary = await host.GetAsync("/api/axes");
            var choices = vocabulary.GetProperty("axes").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "optimizer")
                .GetProperty("choices").EnumerateArray().Select(c => c.GetString()).ToList();
            Assert.True(choices.IndexOf("sgd") < choices.IndexOf("adam"));
            foreach (var (axis, values) in new[] { ("depth", new[] { "1", "2" }), ("width", new[] { "16", "32" }), ("optimizer", new[] { "sgd", "adam" }) })
            {
                Assert.Equal(values, await p.Locator($"table.axis-table[data-axis='{axis}'] tbody th").EvaluateAllAsync<string[]>(FirstTexts));
            }

            await page.ScreenshotAsync("search-queued");
            page.AssertNoConsoleErrors();
        }
        finally
        {
            // Untrained: cancelled, so no later test's worker spends time on it.
            (await host.Client.PostAsync(new Uri($"/api/searches/{id}/cancel", UriKind.Relative), null)).Dispose();
        }
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

        // Its grid point first, then the whole config: keys no axis names as the config has them,
        // then the axes in vocabulary order, lists joined with the published separator.
        var trial = await host.GetAsync($"/api/trials/{trialId}");
        var vocabulary = await host.GetAsync("/api/axes");
        var order = vocabulary.GetProperty("axes").EnumerateArray().Select(a => a.GetProperty("name").GetString()!).ToList();
        var lists = p.Locator("#config dl");
        await Expect(lists).ToHaveCountAsync(2);
        Assert.Equal(["depth", "width"], await lists.Nth(0).Locator("dt").AllInnerTextsAsync());
        Assert.Equal(
            ["depth", "width"],
            trial.GetProperty("gridPoint").EnumerateObject().Select(e => e.Name).OrderBy(order.IndexOf));
        Assert.Equal(
            trial.GetProperty("gridPoint").EnumerateObject().OrderBy(e => order.IndexOf(e.Name)).Select(e => Axis.Print(e.Value)),
            await lists.Nth(0).Locator("dd").AllInnerTextsAsync());
        // An MLP's config holds a CNN's axes as 0: they mean nothing to it and are left out.
        var cnnOnly = vocabulary.GetProperty("axes").EnumerateArray().Where(a => a.GetProperty("model").GetString() == "cnn").Select(a => a.GetProperty("name").GetString()!).ToList();
        Assert.Contains("convLayers", cnnOnly);
        var config = trial.GetProperty("config").EnumerateObject().Select(e => e.Name).Except(cnnOnly).ToList();
        Assert.Equal(
            [.. config.Where(k => !order.Contains(k)), .. config.Where(order.Contains).OrderBy(order.IndexOf)],
            await lists.Nth(1).Locator("dt").AllInnerTextsAsync());
        var hiddenLayers = string.Join(vocabulary.GetProperty("listSeparator").GetString(), trial.GetProperty("config").GetProperty("hiddenLayers").EnumerateArray().Select(w => w.GetInt32()));
        await Expect(lists.Nth(1).Locator("div:has(dt:text-is('hiddenLayers')) dd")).ToHaveTextAsync(hiddenLayers);

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
        // The epochs the stopped trials ran are all its epochs plan now, yet nothing finished: the bar counts
        // trials, none finished and both crossed out as cancelled, rather than a full bar of epochs.
        var epochs = (await host.GetAsync($"/api/searches/{id}")).GetProperty("epochs");
        Assert.Equal(epochs.GetProperty("done").GetInt32(), epochs.GetProperty("planned").GetInt32());
        var progress = p.GetByRole(AriaRole.Progressbar, new() { Name = "Progress of search " + id, Exact = true });
        await Expect(progress).ToHaveAttributeAsync("aria-valuetext", "0 of 2 trials finished, 0 succeeded, 2 cancelled, 0 running", Slowly);
        await Expect(progress).ToHaveAttributeAsync("aria-valuenow", "0");
        await Expect(progress).ToHaveAttributeAsync("aria-valuemax", "2");
        await Expect(progress.Locator(".segment.cancelled")).ToHaveAttributeAsync("style", "width: 100%;");
        await Expect(progress.Locator(".segment.succeeded")).ToHaveAttributeAsync("style", "width: 0%;");
        await Expect(progress.Locator(".segment.epochs")).ToHaveAttributeAsync("style", "width: 0%;");
        await Expect(p.Locator(".summary .progress-text")).ToHaveTextAsync("0 / 2 finished · 0 running · 2 cancelled");
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

    private static List<string> AxesOf(JsonElement search) => [.. search.GetProperty("axes").EnumerateArray().Select(a => a.GetString()!)];

    private static double Percent(string text) => double.Parse(text.Replace("%", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
}
