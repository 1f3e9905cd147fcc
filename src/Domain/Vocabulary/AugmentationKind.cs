namespace GridSearch.Domain.Vocabulary;

/// <summary>Random changes to each training batch: none, small shifts, or shifts and rotations.</summary>
public enum AugmentationKind
{
    None,
    Shift,
    ShiftRotate,
}
