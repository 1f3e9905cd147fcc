namespace GridSearch.Domain.Vocabulary;

/// <summary>How the learning rate changes over the epochs.</summary>
public enum LearningRateScheduleKind
{
    Constant,
    Step,
    Exponential,
    Cosine,
    Plateau,
}
