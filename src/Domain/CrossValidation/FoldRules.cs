using GridSearch.Domain.Definition;
using GridSearch.Domain.Trials;

namespace GridSearch.Domain.CrossValidation;

/// <summary>
/// k-fold cross-validation of a search's best configurations (POST /api/searches/{id}/evaluate): each of the
/// top configurations is trained k more times, once per fold, as ordinary trials of the search whose configs
/// carry <see cref="TrialConfig.Fold"/> and <see cref="TrialConfig.Folds"/>. The rules, written once.
/// </summary>
public static class FoldRules
{
    public const int MinFolds = 2;

    /// <summary>Each configuration trains once per fold: more than this costs more than it tells.</summary>
    public const int MaxFolds = 20;

    public const int MinTop = 1;

    /// <summary>Configurations one request may evaluate.</summary>
    public const int MaxTop = 20;

    public const int DefaultTop = 3;
    public const int DefaultFolds = 5;

    /// <summary>A request's top and folds (their defaults when absent); errors name "top" and "folds".</summary>
    public static (int Top, int Folds) Read(int? top, int? folds, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var (t, k) = (top ?? DefaultTop, folds ?? DefaultFolds);
        if (t is < MinTop or > MaxTop)
        {
            errors.Add("top", $"must be >= {MinTop} and <= {MaxTop}, got {t}.");
        }

        if (k is < MinFolds or > MaxFolds)
        {
            errors.Add("folds", $"must be >= {MinFolds} and <= {MaxFolds}, got {k}.");
        }

        return (t, k);
    }

    /// <summary>Why a config's fold fields are not a fold of a cross-validation; null when they are, or when
    /// the config is an ordinary trial's (neither is set).</summary>
    public static string? Check(TrialConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return (config.Fold, config.Folds) switch
        {
            (null, null) => null,
            (null, _) or (_, null) => "fold and folds go together: a fold trial names both.",
            (_, < MinFolds or > MaxFolds) => $"folds must be >= {MinFolds} and <= {MaxFolds}, got {config.Folds}.",
            ( < 0, _) => $"fold must be >= 0, got {config.Fold}.",
            var (fold, folds) when fold >= folds => $"fold must be < folds ({folds}), got {fold}.",
            _ => null,
        };
    }

    /// <summary>The search's rules as they apply to a trial of <paramref name="config"/>: a fold trial measures its
    /// configuration on its fold, so neither the pruner nor the target (which judge a trial against the
    /// search's others, on other validation images) may stop it; the trial count and time limits hold.</summary>
    public static SearchRules RulesFor(TrialConfig config, SearchRules rules)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(rules);
        return config.Folds is null ? rules : rules with { Limits = rules.Limits with { Target = null }, Pruner = Pruning.Pruner.None };
    }

    /// <summary>The <paramref name="folds"/> fold configs of <paramref name="source"/>, fold 0 first.</summary>
    public static IReadOnlyList<TrialConfig> FoldsOf(TrialConfig source, int folds)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Folds is not null)
        {
            throw new ArgumentException("A fold trial's config is not cross-validated again.", nameof(source));
        }

        var configs = Enumerable.Range(0, folds).Select(fold => source with { Fold = fold, Folds = folds }).ToList();
        return configs.Select(Check).FirstOrDefault(problem => problem is not null) is { } bad
            ? throw new ArgumentOutOfRangeException(nameof(folds), folds, bad)
            : configs;
    }
}
