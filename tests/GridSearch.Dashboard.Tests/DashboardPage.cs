using GridSearch.Testing;
using Microsoft.Playwright;

namespace GridSearch.Dashboard.Tests;

/// <summary>A browser page of the dashboard, with the console errors it has logged.</summary>
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext context;
    private readonly List<string> errors = [];

    public DashboardPage(IBrowserContext context, IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        this.context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Record($"console: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => Record($"uncaught: {error}");
    }

    public IPage Page { get; }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (errors)
            {
                return [.. errors];
            }
        }
    }

    /// <summary>Saves a full-page screenshot as artifacts/screenshots/NAME.png at the repository root.</summary>
    public async Task ScreenshotAsync(string name)
    {
        var directory = RepositoryRoot.File("artifacts", "screenshots");
        Directory.CreateDirectory(directory);
        // Finished transitions, so the bars show their final widths.
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });
    }

    public void AssertNoConsoleErrors() => Assert.True(Errors.Count == 0, "Console errors:\n" + string.Join("\n", Errors));

    public async ValueTask DisposeAsync() => await context.CloseAsync();

    private void Record(string error)
    {
        lock (errors)
        {
            errors.Add(error);
        }
    }
}
