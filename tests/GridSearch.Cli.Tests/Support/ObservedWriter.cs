using System.Text;

namespace GridSearch.Cli.Tests.Support;

/// <summary>A thread-safe StringWriter a test can wait on, for commands that keep running (--watch)
/// while the test moves the search along.</summary>
internal sealed class ObservedWriter : StringWriter
{
    private readonly Lock gate = new();
    private readonly List<(Func<string, bool> Condition, TaskCompletionSource Done)> waiters = [];

    public override void Write(char value) => Append(value.ToString());

    public override void Write(string? value) => Append(value);

    public override void Write(char[] buffer, int index, int count) => Append(new string(buffer, index, count));

    public override string ToString()
    {
        lock (gate)
        {
            return base.ToString();
        }
    }

    /// <summary>Completes once the text written so far satisfies <paramref name="condition"/>.</summary>
    public async Task WaitForAsync(Func<string, bool> condition, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (condition(base.ToString()))
            {
                return;
            }

            waiters.Add((condition, done));
        }

        await done.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
    }

    private void Append(string? value)
    {
        lock (gate)
        {
            GetStringBuilder().Append(value);
            var text = base.ToString();
            foreach (var waiter in waiters.Where(w => w.Condition(text)).ToList())
            {
                waiters.Remove(waiter);
                waiter.Done.TrySetResult();
            }
        }
    }

    public override Encoding Encoding => Encoding.UTF8;
}
