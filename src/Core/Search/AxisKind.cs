namespace GridSearch.Core.Search;

public enum AxisKind
{
    Integer,
    Number,
    Choice,
    Boolean,
    /// <summary>A list of hidden-layer widths, e.g. [512, 256].</summary>
    Widths,
    /// <summary>One activation for every layer, or a list with one per layer.</summary>
    Activation,
}
