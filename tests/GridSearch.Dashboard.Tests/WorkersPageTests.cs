using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GridSearch.Dashboard.Tests;

/// <summary>The Workers page in Chromium, over a real worker process training a small search.</summary>
[Collection(DashboardCollection.Name)]
public sealed class WorkersPageTests(DashboardHost host)
{
    private static readonly LocatorAssertionsToHaveTextOptions Slowly = new() { Timeout = 90_000 };

    [Fact]
    public async Task WorkersPage_ShowsAWorkerAliveWithItsSlots_AndCountsTheTrialsItDid()
    {
        await using var worker = host.StartWorker();
        var id = await host.SubmitAsync(Searches.Small("dash-workers"));
        await using var page = await host.OpenAsync("#/");
        await page.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Workers" }).ClickAsync();
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = "Workers", Level = 1 })).ToBeVisibleAsync();

        // Other tests' workers may be listed too: this one is the row of its process.
        var row = page.Page.Locator("tr[data-worker]", new() { HasText = $"process {worker.Id} ·" });
        await Expect(row.Locator(".badge")).ToHaveTextAsync("alive", Slowly);
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("1 slot · cpu");

        await host.WaitForStatusAsync(id, "completed", worker, TimeSpan.FromSeconds(90));
        // Polled every 2 s: the count reaches the search's four trials, and the slot is idle again.
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("4", Slowly);
        await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("idle");
        await page.ScreenshotAsync("workers");
        page.AssertNoConsoleErrors();
    }
}
