using GridSearch.Domain.Planning;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Domain.Definition;

/// <summary>The config a search with an empty grid resolves to: every axis at its documented default.
/// Code that builds configs by hand (benches, tests) starts here and changes what it needs with `with`.</summary>
public static class TrialDefaults
{
    public static TrialConfig For(Dataset dataset, ModelFamily model, long seed = SearchPlanner.DefaultSeed)
    {
        var errors = new ValidationErrors();
        return TrialConfigResolver.Resolve(dataset, model, seed, new Dictionary<string, (string, object)>(), errors)
            ?? throw new InvalidOperationException($"The defaults do not resolve: {string.Join("; ", errors.ToDictionary().SelectMany(e => e.Value))}");
    }
}
