namespace GridSearch.Contracts.Trials;

/// <summary>Where a trial was trained (its source's, for a cached trial): the CPU model and the vector
/// extensions it has, the kernels ATen used among them (<see cref="CpuCapability"/>), the libtorch version,
/// the BLAS and LAPACK libtorch was built for, the BLAS library loaded (null when not OpenBLAS), the device
/// and the intra-op threads the trial trained with.</summary>
public sealed record TrialMachineResponse(
    string CpuModel,
    IReadOnlyList<string> CpuFeatures,
    string CpuCapability,
    string TorchVersion,
    string Blas,
    string Lapack,
    string? BlasLibrary,
    string Device,
    int Threads);
