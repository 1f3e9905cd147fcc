namespace GridSearch.Domain.Sampling;

/// <summary>Encoded points compared value by value, to count the distinct points already tried or running.</summary>
internal sealed class PointComparer : IEqualityComparer<double[]>
{
    public static readonly PointComparer Instance = new();

    public bool Equals(double[]? x, double[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

    public int GetHashCode(double[] obj)
    {
        var hash = new HashCode();
        foreach (var value in obj)
        {
            hash.Add(value);
        }

        return hash.ToHashCode();
    }
}
