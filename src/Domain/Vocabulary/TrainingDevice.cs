namespace GridSearch.Domain.Vocabulary;

/// <summary>Where a worker trains. Spelled everywhere (the worker's flag and configuration, the native
/// library's argument, the workers table) by <see cref="Vocabulary.EnumNames"/>: auto, cpu, cuda.</summary>
public enum TrainingDevice
{
    /// <summary>CUDA when libtorch sees a GPU, else the CPU: a worker's choice, resolved before it trains.</summary>
    Auto,

    Cpu,

    /// <summary>A GPU; a worker asked for it fails at start where libtorch sees none.</summary>
    Cuda,
}
