using System.Text.Json;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Planning;
using GridSearch.Domain.Vocabulary;
using GridSearch.Testing;

namespace GridSearch.Domain.Tests.Examples;

/// <summary>
/// Every search definition under examples/ must plan without errors, carry its file name as its name,
/// and expand to exactly the number of trials the table in examples/README.md states; the table must
/// list every example file and nothing else.
/// </summary>
public sealed class ExamplesTests
{
    private static string ExamplesDirectory => RepositoryRoot.File("examples");

    public static TheoryData<string> ExampleFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in ListExampleFiles())
        {
            data.Add(file);
        }

        return data;
    }

    [Fact]
    public void ExamplesDirectory_HoldsTheDemoAndTheSeedExperiments()
    {
        var files = ListExampleFiles();

        Assert.Contains("demo-mnist-depth-width.json", files);
        Assert.True(files.Count > 1, "examples/ should hold the seed experiments besides the demo.");
    }

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Example_PlansWithoutErrors_IntoTheTrialCountTheReadmeStates(string file)
    {
        var text = File.ReadAllText(Path.Combine(ExamplesDirectory, file));
        using var document = JsonDocument.Parse(text);
        var errors = new ValidationErrors();

        var plan = SearchPlanner.Plan(document.RootElement, new SearchLimits(), errors);

        var problems = errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}");
        Assert.True(errors.IsEmpty, $"{file} does not plan: {string.Join("; ", problems)}");
        Assert.NotNull(plan);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), plan.Name);
        var stated = ReadmeTrialCounts();
        Assert.True(stated.ContainsKey(file), $"examples/README.md has no table row for {file}.");
        Assert.Equal(stated[file], plan.Trials.Count);
    }

    [Fact]
    public void Readme_ListsEveryExampleFileOnce_AndNoOthers()
    {
        var rows = ReadmeRows().Select(r => r.File).ToList();

        Assert.Equal(rows.Distinct(StringComparer.Ordinal).Count(), rows.Count);
        Assert.Equal(ListExampleFiles(), rows.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void Demo_IsTheSmallDepthTimesWidthSearch()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(ExamplesDirectory, "demo-mnist-depth-width.json")));
        var errors = new ValidationErrors();

        var plan = SearchPlanner.Plan(document.RootElement, new SearchLimits(), errors);

        Assert.True(errors.IsEmpty);
        Assert.Equal(6, plan!.Trials.Count);
        Assert.All(plan.Trials, t =>
        {
            Assert.Equal(Dataset.Mnist, t.Config.Dataset);
            Assert.Equal(Optimizer.Adam, t.Config.Optimizer);
            Assert.Equal(0.001, t.Config.LearningRate);
            Assert.Equal(128, t.Config.BatchSize);
            Assert.Equal(8, t.Config.Epochs);
            Assert.Equal(2, t.Config.Patience);
            Assert.Equal(0.1, t.Config.ValSplit);
            Assert.All(t.Config.Activations, a => Assert.Equal(ActivationFunction.Relu, a));
        });
        Assert.Equal(
            new[] { new[] { 128, 128 }, new[] { 256, 256 }, new[] { 512, 512 }, new[] { 128, 128, 128 }, new[] { 256, 256, 256 }, new[] { 512, 512, 512 } },
            plan.Trials.Select(t => t.Config.HiddenLayers.ToArray()).ToArray());
    }

    private static List<string> ListExampleFiles() =>
        Directory.GetFiles(ExamplesDirectory, "*.json")
            .Select(path => Path.GetFileName(path))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static Dictionary<string, int> ReadmeTrialCounts() =>
        ReadmeRows().ToDictionary(r => r.File, r => r.Trials, StringComparer.Ordinal);

    /// <summary>The rows of the README's table: a first cell naming a `*.json` file, and the
    /// column headed "Trials".</summary>
    private static List<(string File, int Trials)> ReadmeRows()
    {
        var lines = File.ReadAllLines(Path.Combine(ExamplesDirectory, "README.md"));
        int? trialsColumn = null;
        var rows = new List<(string File, int Trials)>();
        foreach (var line in lines)
        {
            if (!line.TrimStart().StartsWith('|'))
            {
                continue;
            }

            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            var trials = Array.FindIndex(cells, c => c.StartsWith("Trials", StringComparison.OrdinalIgnoreCase));
            if (trials >= 0)
            {
                trialsColumn = trials;
                continue;
            }

            var first = cells[0].Trim('`', ' ');
            if (trialsColumn is null || !first.EndsWith(".json", StringComparison.Ordinal))
            {
                continue;
            }

            Assert.True(int.TryParse(cells[trialsColumn.Value], out var count), $"README row for {first} has no whole trial count: '{cells[trialsColumn.Value]}'.");
            rows.Add((first, count));
        }

        return rows;
    }
}
