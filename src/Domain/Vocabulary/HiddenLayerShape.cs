namespace GridSearch.Domain.Vocabulary;

/// <summary>Hidden-layer widths from depth, first width and shape (Talos's shapes, as integers).</summary>
public static class HiddenLayerShape
{
    public static IReadOnlyList<int> Widths(LayerShape shape, int depth, int width)
    {
        var widths = new int[depth];
        for (var i = 0; i < depth; i++)
        {
            widths[i] = shape switch
            {
                LayerShape.Brick => width,
                LayerShape.Funnel => (int)Math.Round(width * (depth - i) / (double)depth),
                LayerShape.Triangle => width >> Math.Min(i, 30),
                LayerShape.Diamond => (int)Math.Round(width * (1 + (Math.Min(i, depth - 1 - i) / (double)Math.Max(1, (depth - 1) / 2)))),
                _ => throw new ArgumentException($"Shape '{shape}' has no widths of its own.", nameof(shape)),
            };
            widths[i] = Math.Max(1, widths[i]);
        }

        return widths;
    }
}
