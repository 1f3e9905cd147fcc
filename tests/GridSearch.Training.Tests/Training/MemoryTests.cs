using System.Diagnostics;
using GridSearch.Domain.Vocabulary;
using GridSearch.Training.Tests.Support;

namespace GridSearch.Training.Tests.Training;

[Collection(nameof(MemoryTests))]
public sealed class MemoryTests
{
    [Fact]
    public void Train_300TinyTrialsInOneProcess_LeavesMemoryFlat()
    {
        // Each trial holds about 1 MB natively (weights, gradients, Adam's moments, a snapshot): a leak
        // of trials would add some 250 MB, far past the slack left for the JIT and the GC warming up.
        var config = Configs.Mlp(Dataset.Mnist, 256) with { Epochs = 2, TrainSize = 200, BatchNorm = true, Dropout = 0.1, Patience = 1 };
        var afterFifty = 0L;
        for (var trial = 1; trial <= 300; trial++)
        {
            Trainers.Synthetic.Train(config with { Seed = trial });
            if (trial == 50)
            {
                afterFifty = ResidentBytes();
            }
        }

        var afterAll = ResidentBytes();

        var growth = afterAll - afterFifty;
        Assert.True(growth < 24 << 20, $"resident memory grew by {growth >> 10} KiB from trial 50 to 300");
    }

    private static long ResidentBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
