namespace GridSearch.Domain.Machines;

/// <summary>The CPU as /proc/cpuinfo describes it: its model and the vector extensions that matter to the kernels.</summary>
public sealed record CpuInfo(string Model, IReadOnlyList<string> Features)
{
    /// <summary>What Linux calls a CPU it cannot name.</summary>
    public const string UnknownModel = "unknown";

    /// <summary>
    /// The extensions OpenBLAS and ATen pick their kernels by (x86: SSE4.2 to AVX-512 and AMX; Arm: NEON
    /// and SVE), in the order shown; the rest of the flags do not change what a trial computes.
    /// </summary>
    public static IReadOnlyList<string> VectorExtensions { get; } =
    [
        "sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512dq", "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16",
        "amx_tile", "amx_bf16", "asimd", "sve", "sve2",
    ];

    /// <summary>Reads the first processor's model name and flags (x86's "flags", Arm's "Features") from
    /// /proc/cpuinfo's text; a machine that names neither gets <see cref="UnknownModel"/> and no features.</summary>
    public static CpuInfo Parse(string cpuinfo)
    {
        ArgumentNullException.ThrowIfNull(cpuinfo);
        string? model = null;
        string? flags = null;
        foreach (var line in cpuinfo.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (model is null && key == "model name" && value.Length > 0)
            {
                model = value;
            }
            else if (flags is null && key is "flags" or "Features")
            {
                flags = value;
            }
        }

        var present = (flags ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return new CpuInfo(model ?? UnknownModel, [.. VectorExtensions.Where(present.Contains)]);
    }
}
