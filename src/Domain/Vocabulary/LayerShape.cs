namespace GridSearch.Domain.Vocabulary;

/// <summary>How an MLP's hidden widths change with depth (Talos's shapes).</summary>
public enum LayerShape
{
    /// <summary>All layers as wide as the first.</summary>
    Brick,
    /// <summary>Linear decrease: 300 at depth 3 gives 300, 200, 100.</summary>
    Funnel,
    /// <summary>Widening to twice the width in the middle, then back: 100, 200, 100.</summary>
    Diamond,
    /// <summary>Halving: 400, 200, 100.</summary>
    Triangle,
    /// <summary>The widths were given as an explicit architecture.</summary>
    [NotAChoice]
    Explicit,
    /// <summary>A CNN: no hidden-layer shape.</summary>
    [NotAChoice]
    None,
}
