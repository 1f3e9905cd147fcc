namespace GridSearch.Training.Native;

/// <summary>Process-wide settings of libtorch and its BLAS.</summary>
public static class NativeRuntime
{
    /// <summary>The bridge's file name, as `make native` builds it.</summary>
    public const string LibraryFileName = NativeMethods.FileName;

    /// <summary>Overrides where the bridge is loaded from: a path to the .so file.</summary>
    public const string LibraryVariable = NativeMethods.LibraryVariable;

    /// <summary>
    /// Sets libtorch's intra-op threads and OpenBLAS's pool to <paramref name="threads"/>: both pools
    /// at their defaults oversubscribe the cores. OpenMP keeps the count per thread, so call it on
    /// the thread that trains (the trainer does when <see cref="TrainerOptions.Threads"/> is set).
    /// </summary>
    public static void SetThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        NativeMethods.Check(NativeMethods.gs_runtime_set_threads(threads));
    }

    /// <summary>
    /// The environment a process that trains with <paramref name="threads"/> threads starts with (a
    /// worker's slot processes do): OpenBLAS and OpenMP read it once, as libtorch loads, and then start
    /// no pool threads beyond it; <see cref="SetThreads"/> afterwards only caps pools already sized.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ThreadEnvironment(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var value = threads.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Dictionary<string, string>(StringComparer.Ordinal) { ["OPENBLAS_NUM_THREADS"] = value, ["OMP_NUM_THREADS"] = value };
    }

    /// <summary>libtorch's threads on the calling thread, and OpenBLAS's (0 when another BLAS is in use).</summary>
    public static (int Torch, int Blas) GetThreads()
    {
        NativeMethods.Check(NativeMethods.gs_runtime_get_threads(out var torch, out var blas));
        return (torch, blas);
    }

    public static bool IsCudaAvailable()
    {
        NativeMethods.Check(NativeMethods.gs_runtime_cuda_available(out var available));
        return available != 0;
    }
}
