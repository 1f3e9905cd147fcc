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
}
