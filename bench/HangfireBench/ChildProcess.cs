using System.Diagnostics;
using System.Globalization;

namespace GridSearch.HangfireBench;

/// <summary>This program started again as a child in a role (<c>--child hangfire|queue TAG</c>), so the
/// parent can SIGKILL it, or freeze it with SIGSTOP and let it go on with SIGCONT.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process process;

    private ChildProcess(Process process) => this.process = process;

    public int Id => process.Id;

    public static ChildProcess Start(string role, string tag)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        // Under `dotnet run` the process is the app host; started as `dotnet x.dll`, pass the dll on.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        }

        foreach (var arg in new[] { "--child", role, tag })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 })
            {
                Console.Error.WriteLine($"  [child {role}] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(process);
    }

    public void Kill9() => process.Kill(); // SIGKILL on Linux

    public void Freeze() => Signal("STOP");

    public void Thaw() => Signal("CONT");

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
        }

        process.Dispose();
    }

    private void Signal(string name)
    {
        using var kill = Process.Start("kill", ["-" + name, Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
