namespace GridSearch.Training.Native;

/// <summary>The libtorch the bridge runs on, as gs_runtime_describe reports it.</summary>
/// <param name="TorchVersion">libtorch's version (its build's TORCH_VERSION).</param>
/// <param name="CpuCapability">The kernels ATen dispatches to: DEFAULT, AVX2, AVX512...</param>
/// <param name="Blas">The BLAS libtorch was built for (BLAS_INFO).</param>
/// <param name="Lapack">The LAPACK libtorch was built for (LAPACK_INFO).</param>
/// <param name="BlasLibrary">The OpenBLAS loaded, with the kernel set it chose; null for another BLAS.</param>
public sealed record NativeBuild(string TorchVersion, string CpuCapability, string Blas, string Lapack, string? BlasLibrary)
{
    /// <summary>Reads gs_runtime_describe's "key=value" lines; a key it does not send reads as empty.</summary>
    internal static NativeBuild Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                values[line[..equals]] = line[(equals + 1)..];
            }
        }

        string Value(string key) => values.GetValueOrDefault(key, "");
        var library = Value("blas_library");
        return new NativeBuild(Value("torch_version"), Value("cpu_capability"), Value("blas_info"), Value("lapack_info"), library.Length > 0 ? library : null);
    }
}
