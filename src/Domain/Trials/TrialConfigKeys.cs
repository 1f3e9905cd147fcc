using System.Text.Json;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Domain.Trials;

/// <summary>
/// The keys of a <see cref="TrialConfig"/>'s JSON in the order the export, the CLI and the dashboard
/// show them: first the keys no axis sets on its own (dataset, model, seed, and hiddenLayers and
/// activations, which the axes resolve to), in the config's own order; then every key that is also an
/// axis, in the vocabulary's order. The API publishes the list (GET /api/axes, configKeys), so a client
/// orders a config by it rather than by a copy of this rule.
/// </summary>
public static class TrialConfigKeys
{
    public static IReadOnlyList<string> All { get; } = Ordered();

    /// <summary>The keys that mean something to a trial of <paramref name="model"/>: all but the axes of the other
    /// family, which its config holds as zero (an MLP's convLayers, a CNN's shape).</summary>
    public static IReadOnlyList<string> For(ModelFamily model) =>
        [.. All.Where(key => !AxisCatalog.TryGet(key, out var axis) || axis.AppliesToModel(model))];

    private static string[] Ordered()
    {
        // The keys as TrialConfigJson writes them, in declaration order; any config has them all.
        var config = JsonSerializer.SerializeToElement(TrialDefaults.For(Dataset.Mnist, ModelFamily.Mlp), TrialConfigJson.Options);
        return [.. config.EnumerateObject()
            .Select((property, index) => (property.Name, index))
            .OrderBy(key => AxisCatalog.TryGet(key.Name, out var axis) ? axis.Order : -1)
            .ThenBy(key => key.index)
            .Select(key => key.Name)];
    }
}
