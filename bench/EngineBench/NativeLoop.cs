using System.Diagnostics;
using System.Globalization;

namespace GridSearch.EngineBench;

/// <summary>
/// bench/native_loop as a child process in its serve mode: each <see cref="Epoch"/> asks it for one
/// training epoch and reads back the seconds it measured around its own loop.
/// </summary>
internal sealed class NativeLoop : IDisposable
{
    private readonly Process process;

    private NativeLoop(Process process) => this.process = process;

    /// <summary><paramref name="validation"/>: images after the training rows that each epoch also
    /// evaluates (inside its time), 0 for none.</summary>
    public static NativeLoop Start(string executable, string dataDirectory, string model, int samples, int threads, int validation = 0)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--data", dataDirectory, "--model", model, "--threads", threads.ToString(CultureInfo.InvariantCulture),
            "--samples", samples.ToString(CultureInfo.InvariantCulture),
            "--validation", validation.ToString(CultureInfo.InvariantCulture), "--serve",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {executable}.");
        var ready = process.StandardOutput.ReadLine();
        if (ready is null || !ready.StartsWith("ready", StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException($"{executable} did not start: {ready}");
        }

        return new NativeLoop(process);
    }

    /// <summary>Finds the executable built by `make native`: native/build/native_loop/native_loop above the bench.</summary>
    public static string Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "native", "build", "native_loop", "native_loop");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("native/build/native_loop/native_loop not found: run `make native`, or pass --native-loop PATH.");
    }

    /// <summary>One epoch (and its validation pass), timed by native_loop around its own loop.</summary>
    public EpochTiming Epoch()
    {
        process.StandardInput.WriteLine("epoch");
        process.StandardInput.Flush();
        var line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("native_loop ended early.");
        var fields = line.Split(' ').Select(field => field.Split('=')).ToDictionary(pair => pair[0], pair => pair[1]);
        return new EpochTiming(
            double.Parse(fields["epoch_seconds"], CultureInfo.InvariantCulture),
            double.Parse(fields["cpu_seconds"], CultureInfo.InvariantCulture),
            double.Parse(fields["train_seconds"], CultureInfo.InvariantCulture),
            long.Parse(fields["minor_faults"], CultureInfo.InvariantCulture));
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.StandardInput.WriteLine("quit");
            process.StandardInput.Flush();
            process.WaitForExit(10_000);
        }

        process.Dispose();
    }
}
