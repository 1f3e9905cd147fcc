namespace GridSearch.Training.Tests.Training;

/// <summary>Runs <see cref="MemoryTests"/> alone, so that no other test's allocations move the
/// process's memory meanwhile.</summary>
[CollectionDefinition(nameof(MemoryTests), DisableParallelization = true)]
public sealed class MemoryTestsCollection;
