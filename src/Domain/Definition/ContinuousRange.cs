namespace GridSearch.Domain.Definition;

/// <summary>
/// A numeric grid axis written as a range without step or count in a random search: not a list of grid
/// values but an interval each trial draws its own value from, uniformly or (<paramref name="Log"/>)
/// log-uniformly; an integer axis draws whole numbers from [min, max]. The search's count says how many.
/// </summary>
internal sealed record ContinuousRange(double Min, double Max, bool Log, bool Integer)
{
    public object Draw(Random random)
    {
        var u = random.NextDouble();
        if (Integer)
        {
            var whole = Log
                ? Math.Round(Math.Exp(Math.Log(Min) + (u * (Math.Log(Max) - Math.Log(Min)))))
                : Math.Floor(Min + (u * (Max - Min + 1)));
            return (int)Math.Clamp(whole, Min, Max);
        }

        var raw = Log ? Math.Exp(Math.Log(Min) + (u * (Math.Log(Max) - Math.Log(Min)))) : Min + (u * (Max - Min));
        // Twelve decimals, as a stepped range's values: enough to tell draws apart, short to read.
        return Math.Clamp(Math.Round(raw, 12), Min, Max);
    }
}
