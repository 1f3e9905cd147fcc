using GridSearch.Domain.Machines;
using GridSearch.Domain.Vocabulary;
using GridSearch.Training.Native;

namespace GridSearch.Training;

/// <summary>Describes the machine this process trains on (<see cref="TrialMachine"/>): the CPU from
/// /proc/cpuinfo, the rest from libtorch (<see cref="NativeRuntime.Describe"/>).</summary>
public static class MachineDescription
{
    private const string CpuInfoFile = "/proc/cpuinfo";

    /// <summary>This machine, for trials trained on <paramref name="device"/> with <paramref name="threads"/> intra-op threads.</summary>
    /// <exception cref="NativeTrainingException">libtorch failed to describe itself.</exception>
    public static TrialMachine Describe(TrainingDevice device, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var cpu = CpuInfo.Parse(File.Exists(CpuInfoFile) ? File.ReadAllText(CpuInfoFile) : "");
        var build = NativeRuntime.Describe();
        return new TrialMachine
        {
            CpuModel = cpu.Model,
            CpuFeatures = cpu.Features,
            CpuCapability = build.CpuCapability,
            TorchVersion = build.TorchVersion,
            Blas = build.Blas,
            Lapack = build.Lapack,
            BlasLibrary = build.BlasLibrary,
            Device = EnumNames.Of(device),
            Threads = threads,
        };
    }
}
