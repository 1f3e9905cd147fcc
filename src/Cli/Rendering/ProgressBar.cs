using Spectre.Console;

namespace GridSearch.Cli.Rendering;

/// <summary>A bar of a search's trials by state: finished ones solid (green, red when failed), cancelled ones
/// crossed out, running ones shaded, queued ones light, so it reads without colour too; or epochs done of
/// epochs planned (<see cref="SearchStatusView"/> says when).</summary>
internal static class ProgressBar
{
    public const int Width = 40;

    /// <summary>Epochs done of planned: a search of a few long trials moves from its first epoch.</summary>
    public static Markup OfEpochs(EpochProgressResponse epochs)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        var done = epochs.Planned == 0 ? 0 : (int)Math.Round((double)Math.Min(epochs.Done, epochs.Planned) * Width / epochs.Planned, MidpointRounding.AwayFromZero);
        return new Markup($"[green]{new string('█', done)}[/][grey]{new string('░', Width - done)}[/]");
    }

    public static Markup Of(TrialCountsResponse counts, int total)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var segments = new (int Count, char Glyph, string Colour)[]
        {
            (counts.Succeeded, '█', "green"),
            (counts.Failed, '█', "red"),
            (counts.Cancelled, '×', "grey"),
            (counts.Running, '▒', "yellow"),
            (counts.Queued, '░', "grey"),
        };
        var whole = Math.Max(total, segments.Sum(s => s.Count));
        var markup = new System.Text.StringBuilder();
        var before = 0;
        var drawn = 0;
        foreach (var (count, glyph, colour) in segments)
        {
            before += count;
            // Cumulative rounding keeps the bar exactly Width wide.
            var end = whole == 0 ? 0 : (int)Math.Round((double)before * Width / whole, MidpointRounding.AwayFromZero);
            if (end > drawn)
            {
                markup.Append('[').Append(colour).Append(']').Append(glyph, end - drawn).Append("[/]");
                drawn = end;
            }
        }

        if (drawn < Width)
        {
            markup.Append("[grey]").Append('░', Width - drawn).Append("[/]");
        }

        return new Markup(markup.ToString());
    }
}
