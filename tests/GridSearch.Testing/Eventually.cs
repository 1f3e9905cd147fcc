namespace GridSearch.Testing;

public static class Eventually
{
    /// <summary>Polls until the condition holds; fails with the given context after the timeout.</summary>
    /// <exception cref="TimeoutException">The condition did not hold in time; the message carries the context.</exception>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> context)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(context);
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                // Thrown rather than Assert.Fail: this project is shared and does not depend on xunit.
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds} s.\n{context()}");
            }

            await Task.Delay(250);
        }
    }
}
