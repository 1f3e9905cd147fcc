using System.Text.Json;
using GridSearch.Domain.Pruning;

namespace GridSearch.Domain.Definition;

/// <summary>What a worker applies to a search's trials besides training them: its stop limits and its
/// pruner, both parts of the stored definition.</summary>
public sealed record SearchRules(SearchStopLimits Limits, Pruner Pruner)
{
    public static SearchRules None { get; } = new(SearchStopLimits.None, Pruner.None);

    public bool IsNone => Limits.IsNone && Pruner.Kind == PrunerKind.None;

    /// <summary>The rules of a stored definition, which was validated when it was submitted.</summary>
    public static SearchRules Read(JsonElement definition)
    {
        var errors = new ValidationErrors();
        var limits = SearchStopLimits.Read(definition, errors);
        var pruner = Pruner.Read(definition, errors);
        return limits is not null && pruner is not null
            ? new SearchRules(limits, pruner)
            : throw new InvalidOperationException($"A stored definition's limits or pruner are not valid: {string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
    }
}
