using GridSearch.Domain.Machines;
using GridSearch.Domain.Vocabulary;
using GridSearch.Training.Native;

namespace GridSearch.Training.Tests.Training;

public sealed class NativeRuntimeTests
{
    [Fact]
    public void SetThreads_SetsLibtorchAndOpenBlasTogether()
    {
        NativeRuntime.SetThreads(1);

        var (torch, blas) = NativeRuntime.GetThreads();

        Assert.Equal(1, torch);
        // 0 where libtorch runs over a BLAS other than OpenBLAS.
        Assert.Contains(blas, new[] { 0, 1 });
    }

    [Fact]
    public void SetThreads_BelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NativeRuntime.SetThreads(0));
    }

    [Fact]
    public void Describe_OnThisLibtorch_NamesItsVersionAndCpuCapability()
    {
        var build = NativeRuntime.Describe();

        // The version as the linked libtorch's build reports it: "1.13.0" for Debian's 1.13.1.
        Assert.Matches(@"^\d+\.\d+\.\d+", build.TorchVersion);
        Assert.NotEmpty(build.CpuCapability);
        Assert.NotEmpty(build.Blas);
    }

    [Fact]
    public void Describe_MachineForCpu_HasTheCpuModelTheVersionAndTheThreadsGiven()
    {
        var machine = MachineDescription.Describe(TrainingDevice.Cpu, threads: 3);

        // Read here rather than through CpuInfo: the model Linux names, or CpuInfo's word for a CPU it does not name.
        var named = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        Assert.Equal(string.IsNullOrEmpty(named) ? CpuInfo.UnknownModel : named, machine.CpuModel);
        Assert.Equal(NativeRuntime.Describe().TorchVersion, machine.TorchVersion);
        Assert.Equal("cpu", machine.Device);
        Assert.Equal(3, machine.Threads);
    }
}
