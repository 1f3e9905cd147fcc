using System.Text.RegularExpressions;
using GridSearch.Testing;

namespace GridSearch.Core.Tests.Conventions;

/// <summary>
/// Every test of every project is named Subject_Condition_Outcome: PascalCase segments joined by
/// underscores (the condition may be left out), read from the sources so that one project checks them all.
/// </summary>
public sealed partial class TestNameTests
{
    [Fact]
    public void EveryTestMethod_InTests_IsNamedInPascalCaseSegmentsJoinedByUnderscores()
    {
        var tests = TestMethods().ToList();

        // The scan finds this very method, or it finds nothing and checks nothing.
        Assert.Contains(tests, t => t.Name == nameof(EveryTestMethod_InTests_IsNamedInPascalCaseSegmentsJoinedByUnderscores));
        var offStyle = tests.Where(t => !Style().IsMatch(t.Name)).Select(t => $"{t.File}: {t.Name}").ToList();
        if (offStyle.Count > 0)
        {
            Assert.Fail($"{offStyle.Count} tests are not named Subject_Condition_Outcome:\n{string.Join('\n', offStyle)}");
        }
    }

    [Theory]
    [InlineData("Post_WithEmptyAxis_Returns400AndWritesNothing", true)]
    [InlineData("Claim_WhenNothingIsQueued_ReturnsNull", true)]
    [InlineData("Evaluate_3FoldsOfTheTop2_Trains6FoldTrials", true)]
    [InlineData("PostWithEmptyAxisReturns400", false)]
    [InlineData("Claim_returns_null_when_nothing_is_queued", false)]
    [InlineData("claim_WhenNothingIsQueued_ReturnsNull", false)]
    [InlineData("Claim__ReturnsNull", false)]
    public void Style_OfAName_AcceptsOnlyPascalCaseSegmentsJoinedByUnderscores(string name, bool accepted) =>
        Assert.Equal(accepted, Style().IsMatch(name));

    private static IEnumerable<(string File, string Name)> TestMethods()
    {
        var tests = RepositoryRoot.File("tests");
        foreach (var file in Directory.EnumerateFiles(tests, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(tests, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            var underTestAttribute = false;
            foreach (var line in File.ReadLines(file))
            {
                if (TestAttribute().IsMatch(line))
                {
                    underTestAttribute = true;
                }
                else if (underTestAttribute && Declaration().Match(line) is { Success: true } declaration)
                {
                    underTestAttribute = false;
                    yield return (relative, declaration.Groups["name"].Value);
                }
            }
        }
    }

    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]*(_[A-Z0-9][A-Za-z0-9]*)+$")]
    private static partial Regex Style();

    [GeneratedRegex(@"^\s*\[(Fact|Theory)\b")]
    private static partial Regex TestAttribute();

    // The first line after the attributes that declares a method: "public [static] [async] Type Name(".
    [GeneratedRegex(@"^\s*(public|internal|private)\b[^=(]*\s(?<name>\w+)\s*\(")]
    private static partial Regex Declaration();
}
