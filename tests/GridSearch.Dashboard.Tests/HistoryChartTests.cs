using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GridSearch.Dashboard.Tests;

/// <summary>The search page's optimization history (GET /api/searches/{id}/history drawn by history-chart.js) in Chromium.</summary>
[Collection(DashboardCollection.Name)]
public sealed class HistoryChartTests(DashboardHost host)
{
    [Fact]
    public async Task SearchPage_PlotsEachFinishedTrial_AndTheBestSoFarAsAStepLineThatNeverFalls()
    {
        var id = await host.CompletedSearchAsync();
        await using var page = await host.OpenAsync($"#/searches/{id}");
        var p = page.Page;

        var chart = p.GetByRole(AriaRole.Img, new() { Name = "Best test accuracy so far against trial number" });
        await Expect(chart).ToBeVisibleAsync();
        await Expect(p.Locator("#history svg circle.point")).ToHaveCountAsync(4);
        await Expect(p.Locator("#history svg path.best-so-far")).ToHaveAttributeAsync("data-points", "4");

        // The step line's heights, top of the chart being 0: a best that never falls only ever goes up the page.
        var heights = await p.Locator("#history svg path.best-so-far").EvaluateAsync<double[]>(
            "path => path.getAttribute('d').split(/[ML]/).filter(Boolean).map(pair => Number(pair.split(',')[1]))");
        Assert.Equal(heights.OrderDescending(), heights);
        var history = await host.GetAsync($"/api/searches/{id}/history");
        var steps = history.GetProperty("trials").EnumerateArray().ToList();
        var reached = steps.First(t => !t.GetProperty("pruned").GetBoolean() && t.GetProperty("value").GetDouble() == steps[^1].GetProperty("best").GetDouble());
        // The chart's own description (its desc, which its accessible name joins to the title).
        await Expect(p.Locator("#history svg desc")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(
            $@"^4 finished trials; the best test accuracy is \d+\.\d\d %, reached at #{reached.GetProperty("number").GetInt32().ToString(CultureInfo.InvariantCulture)} \(trial {reached.GetProperty("trialId").GetInt64().ToString(CultureInfo.InvariantCulture)}\)\.$"));
        await page.ScreenshotAsync("search-history");
        page.AssertNoConsoleErrors();
    }
}
