using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GridSearch.Dashboard.Tests;

/// <summary>The trial page's "Trained on" block: where a real worker trained the trial, and, for a trial the
/// result cache answered, where its source was trained.</summary>
[Collection(DashboardCollection.Name)]
public sealed class TrainedOnTests(DashboardHost host)
{
    /// <summary>This machine's CPU as Linux names it, read here rather than from the service.</summary>
    private static string CpuModel() =>
        File.ReadLines("/proc/cpuinfo").First(l => l.StartsWith("model name", StringComparison.Ordinal)).Split(':', 2)[1].Trim();

    [Fact]
    public async Task TrialPage_TrainedByAWorker_ShowsTheCpuModelAndLibtorchVersion()
    {
        var searchId = await host.CompletedSearchAsync();
        var trialId = (await host.GetAsync($"/api/searches/{searchId}")).GetProperty("best").GetProperty("trialId").GetInt64();
        var machine = (await host.GetAsync($"/api/trials/{trialId}")).GetProperty("machine");
        var torchVersion = machine.GetProperty("torchVersion").GetString()!;
        Assert.Matches(@"^\d+\.\d+", torchVersion);
        Assert.Equal(CpuModel(), machine.GetProperty("cpuModel").GetString());

        await using var page = await host.OpenAsync($"#/trials/{trialId}");
        var block = page.Page.Locator("#machine");
        await Expect(block.GetByRole(AriaRole.Heading, new() { Name = "Trained on" })).ToBeVisibleAsync();
        await Expect(block.Locator("dl > div:has(> dt:text-is('CPU')) > dd")).ToHaveTextAsync(CpuModel());
        await Expect(block.Locator("dl > div:has(> dt:text-is('libtorch')) > dd")).ToHaveTextAsync(torchVersion);
        await Expect(block.Locator("dl > div:has(> dt:text-is('Threads')) > dd")).ToHaveTextAsync("1");
        page.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task TrialPage_AnsweredByTheCache_ShowsItsSourcesMachineAndLinksTheSource()
    {
        await host.CompletedSearchAsync();
        // The same grid with reuse: every trial is answered at submission by a trained trial of the same config
        // (the trained search's, or an earlier test's search of the same grid).
        var cachedSearch = await host.SubmitAsync(Searches.Small("dash-cached"));
        var trial = (await host.GetAsync($"/api/searches/{cachedSearch}/trials")).GetProperty("items")[0];
        var sourceId = trial.GetProperty("cachedFrom").GetInt64();
        var source = await host.GetAsync($"/api/trials/{sourceId}");
        Assert.Equal(JsonValueKind.Null, source.GetProperty("cachedFrom").ValueKind);

        await using var page = await host.OpenAsync($"#/trials/{trial.GetProperty("id").GetInt64()}");
        var block = page.Page.Locator("#machine");
        await Expect(block.GetByRole(AriaRole.Link, new() { Name = $"trial {sourceId}" })).ToBeVisibleAsync();
        await Expect(block.Locator("dl > div:has(> dt:text-is('CPU')) > dd")).ToHaveTextAsync(CpuModel());
        await Expect(block.Locator("dl > div:has(> dt:text-is('libtorch')) > dd")).ToHaveTextAsync(source.GetProperty("machine").GetProperty("torchVersion").GetString()!);
        page.AssertNoConsoleErrors();
    }
}
