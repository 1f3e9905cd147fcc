namespace GridSearch.Dashboard.Tests;

public static class Eventually
{
    /// <summary>Polls until the condition holds; fails with the given context after the timeout.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> context)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(context);
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds} s.\n{context()}");
            }

            await Task.Delay(250);
        }
    }
}
