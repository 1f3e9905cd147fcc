using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Training.Plans;

/// <summary>Random changes to each training image, drawn anew for every batch.</summary>
public readonly record struct Augmentation(int MaxShift, double MaxRotationDegrees)
{
    public static Augmentation None { get; } = new(0, 0);

    /// <summary>Whole-pixel shifts of up to 2 px on each axis.</summary>
    public static Augmentation Shift { get; } = new(2, 0);

    /// <summary>Shifts as <see cref="Shift"/> plus rotations of up to 10°.</summary>
    public static Augmentation ShiftRotate { get; } = new(2, 10);

    /// <summary>What the augmentation a trial names does.</summary>
    public static Augmentation Of(AugmentationKind kind) => kind switch
    {
        AugmentationKind.None => None,
        AugmentationKind.Shift => Shift,
        AugmentationKind.ShiftRotate => ShiftRotate,
        _ => throw new InvalidTrialConfigException(InvalidTrialConfigException.NotOneOf("augment", kind)),
    };
}
