namespace GridSearch.Core.Search;

/// <summary>Hidden-layer widths from depth, first width and shape (Talos's shapes, as integers).</summary>
public static class HiddenLayerShape
{
    public static IReadOnlyList<int> Widths(string shape, int depth, int width)
    {
        var widths = new int[depth];
        for (var i = 0; i < depth; i++)
        {
            widths[i] = shape switch
            {
                "brick" => width,
                // Linear decrease: 300 at depth 3 gives 300, 200, 100.
                "funnel" => (int)Math.Round(width * (depth - i) / (double)depth),
                // Halving: 400, 200, 100.
                "triangle" => width >> Math.Min(i, 30),
                // Widening to twice the width in the middle, then back: 100, 200, 100.
                "diamond" => (int)Math.Round(width * (1 + (Math.Min(i, depth - 1 - i) / (double)Math.Max(1, (depth - 1) / 2)))),
                _ => throw new ArgumentException($"Unknown shape '{shape}'.", nameof(shape)),
            };
            widths[i] = Math.Max(1, widths[i]);
        }

        return widths;
    }
}
