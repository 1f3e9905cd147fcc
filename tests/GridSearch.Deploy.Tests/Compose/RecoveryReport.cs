using GridSearch.Testing;
using Xunit.Abstractions;

namespace GridSearch.Deploy.Tests.Compose;

/// <summary>Each fault's time to recover, in the test's output and in artifacts/deploy-recovery.txt,
/// which scripts/test.sh prints after the deploy tests.</summary>
public static class RecoveryReport
{
    private static readonly Lock Gate = new();

    public static void Write(ITestOutputHelper output, string line)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(line);
        var file = RepositoryRoot.File("artifacts", "deploy-recovery.txt");
        lock (Gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.AppendAllText(file, line + Environment.NewLine);
        }
    }

    public static string Seconds(TimeSpan time) => $"{time.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} s";
}
