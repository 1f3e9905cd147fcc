using GridSearch.Domain.Machines;

namespace GridSearch.Domain.Tests.Machines;

public sealed class CpuInfoTests
{
    private const string TwoProcessors = """
        processor	: 0
        vendor_id	: AuthenticAMD
        model name	: AMD EPYC 9454 48-Core Processor
        flags		: fpu sse2 ssse3 fma sse4_2 avx f16c avx2 avx512f avx512bw avx512vl avx512_vnni sha_ni

        processor	: 1
        model name	: Other
        flags		: fpu avx512_bf16
        """;

    [Fact]
    public void Parse_X86Processors_TakesTheFirstModelAndItsVectorExtensionsInListOrder()
    {
        var cpu = CpuInfo.Parse(TwoProcessors);

        Assert.Equal("AMD EPYC 9454 48-Core Processor", cpu.Model);
        Assert.Equal(["sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512vl", "avx512_vnni"], cpu.Features);
    }

    [Fact]
    public void Parse_ArmFeaturesWithoutModelName_KeepsNeonAndSveAndSaysUnknownModel()
    {
        var cpu = CpuInfo.Parse("processor\t: 0\nBogoMIPS\t: 50.00\nFeatures\t: fp asimd evtstrm sve crc32\nCPU part\t: 0xd40\n");

        Assert.Equal(CpuInfo.UnknownModel, cpu.Model);
        Assert.Equal(["asimd", "sve"], cpu.Features);
    }

    [Fact]
    public void Parse_EmptyText_GivesUnknownModelAndNoFeatures()
    {
        var cpu = CpuInfo.Parse("");

        Assert.Equal(CpuInfo.UnknownModel, cpu.Model);
        Assert.Empty(cpu.Features);
    }
}
