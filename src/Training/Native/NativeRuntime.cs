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
    /// glibc malloc's settings for a process that trains (read once, as the process starts): one arena,
    /// no block served by mmap, the heap's free top never trimmed. By default glibc maps a block over its
    /// mmap threshold (at most 32 MiB, and any block over 64 MiB in a thread's own arena) and unmaps it
    /// when freed, and trims the heap's free top, so a convolution's activations (100 MB for a batch of
    /// 1,000 images at 32 filters of 28 × 28) are faulted in page by page on every forward pass. Kept
    /// in the heap they are reused; the process holds on to its peak. Measured by
    /// <c>bench/EngineBench allocator</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> AllocatorEnvironment { get; } =
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["MALLOC_ARENA_MAX"] = "1",
            ["MALLOC_MMAP_MAX_"] = "0",
            ["MALLOC_TRIM_THRESHOLD_"] = "2147483647",
        };

    /// <summary>
    /// The environment a process that trains with <paramref name="threads"/> threads starts with (a
    /// worker's slot processes do): OpenBLAS and OpenMP read it once, as libtorch loads, and then start
    /// no pool threads beyond it; <see cref="SetThreads"/> afterwards only caps pools already sized.
    /// With <paramref name="keepFreedMemory"/>, <see cref="AllocatorEnvironment"/> too.
    /// </summary>
    public static IReadOnlyDictionary<string, string> SlotEnvironment(int threads, bool keepFreedMemory = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var value = threads.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["OPENBLAS_NUM_THREADS"] = value, ["OMP_NUM_THREADS"] = value };
        if (keepFreedMemory)
        {
            foreach (var (name, setting) in AllocatorEnvironment)
            {
                environment[name] = setting;
            }
        }

        return environment;
    }

    /// <summary>libtorch's threads on the calling thread, and OpenBLAS's (0 when another BLAS is in use).</summary>
    public static (int Torch, int Blas) GetThreads()
    {
        NativeMethods.Check(NativeMethods.gs_runtime_get_threads(out var torch, out var blas));
        return (torch, blas);
    }

    /// <summary>What only libtorch knows of where it trains: its version, the kernels ATen dispatches to, the
    /// BLAS and LAPACK of its build and the BLAS loaded (gs_runtime_describe).</summary>
    public static NativeBuild Describe()
    {
        NativeMethods.Check(NativeMethods.gs_runtime_describe([], 0, out var length));
        var buffer = new byte[checked((int)length + 1)];
        NativeMethods.Check(NativeMethods.gs_runtime_describe(buffer, buffer.Length, out length));
        return NativeBuild.Parse(System.Text.Encoding.UTF8.GetString(buffer, 0, (int)length));
    }

    public static bool IsCudaAvailable()
    {
        NativeMethods.Check(NativeMethods.gs_runtime_cuda_available(out var available));
        return available != 0;
    }
}
