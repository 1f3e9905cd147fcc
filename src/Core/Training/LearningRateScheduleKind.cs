namespace GridSearch.Core.Training;

public enum LearningRateScheduleKind
{
    Constant,
    Step,
    Exponential,
    Cosine,
    Plateau,
}
