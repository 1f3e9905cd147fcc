using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace GridSearch.Worker.Tests;

/// <summary>A real worker process (supervisor plus one child per slot) against a test database.</summary>
public sealed partial class WorkerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private WorkerProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => process.Id;
    public bool HasExited => process.HasExited;
    public int ExitCode => process.ExitCode;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static WorkerProcess Start(string connectionString, int slots = 1, string? dataDirectory = null, int leaseSeconds = 3)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(typeof(GridSearch.Worker.Execution.SlotWorker).Assembly.Location);
        foreach (var argument in new[] { "--slots", slots.ToString(System.Globalization.CultureInfo.InvariantCulture), "--device", "cpu", "--lease-seconds", leaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "--poll-seconds", "1", "--retry-backoff-seconds", "0" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GRIDSEARCH_DB"] = connectionString;
        if (dataDirectory is not null)
        {
            start.Environment["GRIDSEARCH_DATA"] = dataDirectory;
        }

        return new WorkerProcess(Process.Start(start)!);
    }

    public void Signal(int signal) => Assert.Equal(0, Kill(process.Id, signal));

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    public const int SigKill = 9;
    public const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
