using GridSearch.Domain.Vocabulary;

namespace GridSearch.Training;

public sealed record TrainerOptions
{
    /// <summary>Cpu, or Cuda (fails clearly where CUDA is not available); Auto is resolved by the worker first.</summary>
    public TrainingDevice Device { get; init; } = TrainingDevice.Cpu;

    /// <summary>Intra-op threads of libtorch and OpenBLAS, applied on the training thread at every
    /// epoch; null leaves the process's setting. A worker running N trials at once on C cores wants C/N.</summary>
    public int? Threads { get; init; }

    /// <summary>Batch size of validation and test evaluations (no gradients, so larger than training's).</summary>
    public int EvaluationBatchSize { get; init; } = 1000;
}
