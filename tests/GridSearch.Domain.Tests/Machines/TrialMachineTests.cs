using System.Text.Json;
using GridSearch.Domain.Machines;

namespace GridSearch.Domain.Tests.Machines;

public sealed class TrialMachineTests
{
    private static readonly TrialMachine Machine = new()
    {
        CpuModel = "AMD EPYC",
        CpuFeatures = ["avx2", "avx512f"],
        CpuCapability = "AVX2",
        TorchVersion = "1.13.0",
        Blas = "generic",
        Lapack = "generic",
        BlasLibrary = "OpenBLAS 0.3.21 DYNAMIC_ARCH Haswell, core Haswell",
        Device = "cpu",
        Threads = 2,
    };

    [Fact]
    public void ToJson_ThenFromJson_GivesTheSameMachine()
    {
        var read = TrialMachine.FromJson(Machine.ToJson());

        Assert.Equal(Machine.CpuFeatures, read.CpuFeatures);
        Assert.Equal(Machine with { CpuFeatures = read.CpuFeatures }, read);
    }

    [Fact]
    public void ToJson_Always_WritesCamelCaseNames()
    {
        using var json = JsonDocument.Parse(Machine.ToJson());

        Assert.Equal("AMD EPYC", json.RootElement.GetProperty("cpuModel").GetString());
        Assert.Equal("1.13.0", json.RootElement.GetProperty("torchVersion").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("threads").GetInt32());
    }

    [Fact]
    public void FromJson_MissingRequiredField_Throws()
    {
        Assert.ThrowsAny<JsonException>(() => TrialMachine.FromJson("""{"cpuModel":"x"}"""));
    }
}
