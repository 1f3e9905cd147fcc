using System.Text.RegularExpressions;
using GridSearch.Testing;

namespace GridSearch.Cli.Tests.Readme;

/// <summary>The shell block of README.md between <c>&lt;!-- walkthrough --&gt;</c> and
/// <c>&lt;!-- /walkthrough --&gt;</c>, as a reader copies it.</summary>
internal static partial class ReadmeWalkthrough
{
    public const string Start = "<!-- walkthrough -->";
    public const string End = "<!-- /walkthrough -->";

    /// <summary>Every ```sh block between the markers, in order, joined.</summary>
    public static string Read()
    {
        var readme = File.ReadAllText(RepositoryRoot.File("README.md"));
        var start = readme.IndexOf(Start, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"README.md has no {Start} … {End} section");
        Assert.Equal(start, readme.LastIndexOf(Start, StringComparison.Ordinal));
        var blocks = ShellBlock().Matches(readme[start..end]).Select(m => m.Groups["code"].Value).ToList();
        Assert.NotEmpty(blocks);
        return string.Join("\n", blocks);
    }

    [GeneratedRegex(@"```sh\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
