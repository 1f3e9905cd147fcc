using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GridSearch.Dashboard.Tests;

/// <summary>What the pages show of searches no worker ran: a cancelled one's bar, a CNN trial's hyperparameters.
/// Each search is cancelled before the test ends, so no later test's worker trains it.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ScreensTests(DashboardHost host)
{
    [Fact]
    public async Task SearchesPage_OfASearchCancelledBeforeItRan_ShowsNoneFinishedAndEveryTrialCrossedOut()
    {
        var id = await host.SubmitAsync(new { name = "dash-never-ran", dataset = "mnist", model = "mlp", grid = new { width = new[] { 16, 32 } }, @fixed = new { epochs = 1, trainSize = 1000 } });
        await CancelAsync(id);

        await using var page = await host.OpenAsync("#/");
        var bar = page.Page.GetByRole(AriaRole.Progressbar, new() { Name = "Progress of dash-never-ran", Exact = true });

        await Expect(bar).ToHaveAttributeAsync("aria-valuenow", "0");
        await Expect(bar).ToHaveAttributeAsync("aria-valuemax", "2");
        await Expect(bar).ToHaveAttributeAsync("aria-valuetext", "0 of 2 trials finished, 0 succeeded, 2 cancelled, 0 running");
        await Expect(bar.Locator(".segment.cancelled")).ToHaveAttributeAsync("style", "width: 100%;");
        await Expect(bar.Locator(".segment.succeeded")).ToHaveAttributeAsync("style", "width: 0%;");
        // Crossed out rather than filled: the cancelled segment is stripes with the track showing between them.
        var fill = await bar.Locator(".segment.cancelled").EvaluateAsync<string>("s => getComputedStyle(s).backgroundImage");
        Assert.StartsWith("repeating-linear-gradient", fill, StringComparison.Ordinal);
        await Expect(page.Page.Locator($"tr[data-search='{id}'] .progress-text")).ToHaveTextAsync("0 / 2 finished · 0 running · 2 cancelled");
        page.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task TrialPage_OfACnnTrial_LeavesOutTheMlpsAxes_AndShowsTheDefaultTrainSizeAsAll()
    {
        var id = await host.SubmitAsync(new { name = "dash-cnn", dataset = "mnist", model = "cnn", grid = new { filters = new[] { 8, 16 } }, @fixed = new { epochs = 1 } });
        try
        {
            var trialId = (await host.GetAsync($"/api/searches/{id}/trials")).GetProperty("items")[0].GetProperty("id").GetInt64();
            var trial = await host.GetAsync($"/api/trials/{trialId}");
            Assert.Equal(0, trial.GetProperty("config").GetProperty("trainSize").GetInt32());
            var mlpOnly = (await host.GetAsync("/api/axes")).GetProperty("axes").EnumerateArray()
                .Where(a => a.GetProperty("model").GetString() == "mlp").Select(a => a.GetProperty("name").GetString()!).ToList();
            Assert.Contains("shape", mlpOnly);
            Assert.True(trial.GetProperty("config").TryGetProperty("shape", out _));

            await using var page = await host.OpenAsync($"#/trials/{trialId}");
            var config = page.Page.Locator("#config dl").Nth(1);
            var filters = trial.GetProperty("config").GetProperty("filters").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Expect(config.Locator("div:has(dt:text-is('filters')) dd")).ToHaveTextAsync(filters);

            var names = await config.Locator("dt").AllInnerTextsAsync();
            Assert.Contains("convLayers", names);
            Assert.Empty(names.Intersect(mlpOnly));
            await Expect(config.Locator("div:has(dt:text-is('trainSize')) dd")).ToHaveTextAsync("all");
            await page.ScreenshotAsync("trial-cnn-queued");
            page.AssertNoConsoleErrors();
        }
        finally
        {
            await CancelAsync(id);
        }
    }

    private async Task CancelAsync(long id)
    {
        using var response = await host.Client.PostAsync(new Uri($"/api/searches/{id}/cancel", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
    }
}
