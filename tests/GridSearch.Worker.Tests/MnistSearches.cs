namespace GridSearch.Worker.Tests;

/// <summary>The small MNIST MLP searches the worker tests submit: a grid over depth and width, the rest fixed.</summary>
public static class MnistSearches
{
    public static object Mlp(string name, int[] depths, int[] widths, int epochs, int trainSize) => new
    {
        name,
        dataset = "mnist",
        model = "mlp",
        seed = 7,
        grid = new { depth = depths, width = widths },
        @fixed = new { epochs, trainSize, batchSize = 64, optimizer = "adam", learningRate = 0.002 },
    };
}
