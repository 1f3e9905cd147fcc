namespace GridSearch.Domain.Vocabulary;

/// <summary>The type of an axis's values.</summary>
public enum AxisKind
{
    Integer,
    Number,
    /// <summary>One name of an enum (<see cref="Axis.EnumType"/>).</summary>
    Choice,
    Boolean,
    /// <summary>A list of hidden-layer widths, e.g. [512, 256].</summary>
    Widths,
    /// <summary>One activation for every layer, or a list with one per layer.</summary>
    Activation,
}
