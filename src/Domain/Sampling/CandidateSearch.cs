namespace GridSearch.Domain.Sampling;

/// <summary>
/// The best untaken combination of per-axis candidates. The score log l(x) − log g(x) of a point is the sum of
/// its axes' scores (the estimators are univariate), so with each axis's candidates sorted best first, the
/// combinations come out best first from a heap seeded with the all-best one, each popped combination pushing
/// the ones that step one axis down its list. Untaken, the first is Optuna's univariate choice (each axis's own
/// best); taken, the search walks on to the next best combinations, up to a budget of isTaken calls.
/// </summary>
internal static class CandidateSearch
{
    public static double[]? BestUntaken(IReadOnlyList<(double Value, double Score)[]> sorted, Func<double[], bool>? isTaken, int budget)
    {
        var dimensions = sorted.Count;
        var heap = new PriorityQueue<int[], double>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var start = new int[dimensions];
        heap.Enqueue(start, -Score(sorted, start));
        seen.Add(Key(start));
        for (var tries = 0; tries < budget && heap.TryDequeue(out var at, out _); tries++)
        {
            var point = new double[dimensions];
            for (var a = 0; a < dimensions; a++)
            {
                point[a] = sorted[a][at[a]].Value;
            }

            if (isTaken is null || !isTaken(point))
            {
                return point;
            }

            for (var a = 0; a < dimensions; a++)
            {
                if (at[a] + 1 < sorted[a].Length)
                {
                    var next = (int[])at.Clone();
                    next[a]++;
                    if (seen.Add(Key(next)))
                    {
                        heap.Enqueue(next, -Score(sorted, next));
                    }
                }
            }
        }

        return null;
    }

    private static double Score(IReadOnlyList<(double Value, double Score)[]> sorted, int[] at)
    {
        var score = 0.0;
        for (var a = 0; a < at.Length; a++)
        {
            score += sorted[a][at[a]].Score;
        }

        return score;
    }

    private static string Key(int[] at) => string.Join(',', at);
}
