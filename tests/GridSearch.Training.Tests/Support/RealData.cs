using GridSearch.Training.Data;

namespace GridSearch.Training.Tests.Support;

/// <summary>MNIST and Fashion-MNIST from $GRIDSEARCH_DATA, else the checkout's data/ (`make data`).</summary>
internal static class RealData
{
    public static IdxDataSource Source { get; } = IdxDataSource.FromEnvironment();
}
