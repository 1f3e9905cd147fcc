namespace GridSearch.Dashboard.Tests;

/// <summary>The search definitions the tests submit: real training on MNIST, sized to take seconds.</summary>
public static class Searches
{
    /// <summary>Four configurations (depth × width) of three epochs on 1000 images, each trained
    /// <paramref name="repeats"/> times: done in a few seconds. Without <paramref name="reuse"/> they are trained
    /// even when another test's search already trained them.</summary>
    public static object Small(string name, bool reuse = true, int repeats = 1) => new
    {
        name,
        dataset = "mnist",
        model = "mlp",
        seed = 7,
        repeats,
        reuse,
        grid = new { depth = new[] { 1, 2 }, width = new[] { 16, 32 } },
        @fixed = new { epochs = 3, trainSize = 1000, batchSize = 64 },
    };

    /// <summary>Eight trials over depth, width and optimizer, named in the grid out of the vocabulary's
    /// order (which sorts them depth, width, optimizer). Read while queued, then cancelled untrained.</summary>
    public static object OutOfOrder(string name) => new
    {
        name,
        dataset = "mnist",
        model = "mlp",
        seed = 7,
        grid = new { optimizer = new[] { "sgd", "adam" }, width = new[] { 32, 16 }, depth = new[] { 2, 1 } },
        @fixed = new { epochs = 1, trainSize = 1000, batchSize = 64 },
    };

    /// <summary>Two long trials: still running when the test cancels them, which stops them at their next epoch.</summary>
    public static object Slow(string name) => new
    {
        name,
        dataset = "mnist",
        model = "mlp",
        seed = 7,
        grid = new { depth = new[] { 1, 2 }, width = new[] { 256 } },
        @fixed = new { epochs = 200, trainSize = 5000, batchSize = 64 },
    };
}
