using System.Text.Json;
using GridSearch.Domain.Definition;

namespace GridSearch.Domain.Leaderboard;

/// <summary>The <see cref="RankBy"/> names as the API spells them (camelCase: mean, lowerBound).</summary>
public static class RankByNames
{
    public static string Name(RankBy by) => Enum.IsDefined(by)
        ? JsonNamingPolicy.CamelCase.ConvertName(by.ToString())
        : throw new ArgumentOutOfRangeException(nameof(by), by, null);

    /// <summary>Every name, in the enum's order: what ?rankBy accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<RankBy>().Select(Name)];

    /// <summary>The ?rankBy a request names (the mean when none, any case); an unknown one adds a "rankBy" error.</summary>
    public static RankBy Read(string? text, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrEmpty(text))
        {
            return RankBy.Mean;
        }

        foreach (var candidate in Enum.GetValues<RankBy>())
        {
            if (string.Equals(text, Name(candidate), StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        errors.Add("rankBy", $"must be one of {string.Join(", ", Names)}.");
        return RankBy.Mean;
    }
}
