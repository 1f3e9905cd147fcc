using GridSearch.Domain.Vocabulary;

namespace GridSearch.Training.Data;

/// <summary>Finds the data of a dataset named in a trial config. Sources cache what they load, and
/// the trainer never disposes what they return.</summary>
public interface ITrainingDataSource
{
    TrainingData Load(Dataset dataset);
}
