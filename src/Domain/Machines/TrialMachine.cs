using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridSearch.Domain.Machines;

/// <summary>
/// Where a trial was trained: the CPU, the vector extensions it has and the kernels ATen picked among them,
/// the libtorch build and its BLAS, and the threads the trial trained with. Two machines of the same kind
/// can give results a tenth of a point apart for one config (a different OpenBLAS kernel, another
/// summation order), so each trial keeps this beside its result. Stored as JSON (<see cref="ToJson"/>).
/// </summary>
public sealed record TrialMachine
{
    /// <summary>/proc/cpuinfo's model name.</summary>
    public required string CpuModel { get; init; }

    /// <summary>The CPU's extensions that BLAS and ATen choose kernels by (<see cref="CpuInfo.VectorExtensions"/>), in that order.</summary>
    public required IReadOnlyList<string> CpuFeatures { get; init; }

    /// <summary>The kernels ATen dispatches to (its "CPU capability usage": DEFAULT, AVX2, AVX512...).</summary>
    public required string CpuCapability { get; init; }

    /// <summary>libtorch's version, as its build reports it.</summary>
    public required string TorchVersion { get; init; }

    /// <summary>The BLAS and LAPACK libtorch was built for (BLAS_INFO, LAPACK_INFO).</summary>
    public required string Blas { get; init; }

    public required string Lapack { get; init; }

    /// <summary>The BLAS loaded at run time with the kernel set it chose for this CPU (OpenBLAS's config); null for another BLAS.</summary>
    public string? BlasLibrary { get; init; }

    /// <summary>cpu or cuda.</summary>
    public required string Device { get; init; }

    /// <summary>The intra-op threads (libtorch's and OpenBLAS's) the trial trained with.</summary>
    public required int Threads { get; init; }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <exception cref="JsonException">Not a machine's JSON.</exception>
    public static TrialMachine FromJson(string json) =>
        JsonSerializer.Deserialize<TrialMachine>(json, Options) ?? throw new JsonException("a machine is a JSON object, not null");
}
