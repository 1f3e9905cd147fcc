namespace GridSearch.Domain.Definition;

/// <summary>
/// The names a mistyped one was probably meant to be, for error messages ("did you mean 'width'?"). A
/// name is near when its Damerau-Levenshtein distance (the optimal string alignment form: inserting,
/// deleting or replacing a character, or swapping two neighbours, costs 1 each) from the given one, case
/// ignored, is at most a third of the given name's length, 1 at least and 3 at most: 'widht' finds 'width',
/// 'lr' finds nothing. The candidates are always the vocabulary's own names, passed in by the caller.
/// </summary>
public static class DidYouMean
{
    /// <summary>The edits a name of this length may be away from a suggestion.</summary>
    public static int MaxDistance(int length) => Math.Clamp(length / 3, 1, 3);

    /// <summary>The nearest of <paramref name="candidates"/> within <see cref="MaxDistance"/>, all of those at
    /// the least distance, in the candidates' order; none when nothing is near.</summary>
    public static IReadOnlyList<string> Nearest(string given, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(candidates);
        var limit = MaxDistance(given.Length);
        var best = limit + 1;
        var nearest = new List<string>();
        foreach (var candidate in candidates.Distinct(StringComparer.Ordinal))
        {
            var distance = Distance(given, candidate);
            if (distance < best)
            {
                best = distance;
                nearest.Clear();
            }

            if (distance == best)
            {
                nearest.Add(candidate);
            }
        }

        return nearest;
    }

    /// <summary>"did you mean 'width'?" (or "'a' or 'b'"), or null when no candidate is near.</summary>
    public static string? Hint(string given, IEnumerable<string> candidates)
    {
        var nearest = Nearest(given, candidates);
        return nearest.Count == 0 ? null : $"did you mean {string.Join(" or ", nearest.Select(n => $"'{n}'"))}?";
    }

    /// <summary>The optimal string alignment distance between two names, case ignored.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        a = a.ToUpperInvariant();
        b = b.ToUpperInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
