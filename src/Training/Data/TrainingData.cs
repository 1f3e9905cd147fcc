namespace GridSearch.Training.Data;

/// <summary>A dataset's training images (the validation split is taken from them) and test images.</summary>
public sealed record TrainingData(ImageSet Train, ImageSet Test, int Classes);
