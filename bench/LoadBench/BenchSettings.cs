using System.Globalization;

namespace GridSearch.LoadBench;

/// <summary>The bench's knobs, from its command line; the defaults are the goal's figures.</summary>
internal sealed record BenchSettings(int Streams, int Readers, TimeSpan Window, TimeSpan JoinAfter, TimeSpan Pause, int ConnectionLimit, int Slots, bool RequestLog)
{
    public static BenchSettings Parse(string[] args)
    {
        var values = new Dictionary<string, int>
        {
            ["--streams"] = 500, ["--readers"] = 100, ["--seconds"] = 40, ["--join-after"] = 10, ["--pause-ms"] = 0, ["--connection-limit"] = 100, ["--slots"] = 2, ["--request-log"] = 1,
        };
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!values.ContainsKey(args[i]) || i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                throw new ArgumentException($"usage: [{string.Join(" | ", values.Keys.Select(k => $"{k} N"))}]; got '{string.Join(' ', args)}'");
            }

            values[args[i]] = value;
        }

        return new BenchSettings(
            values["--streams"], values["--readers"], TimeSpan.FromSeconds(values["--seconds"]), TimeSpan.FromSeconds(values["--join-after"]),
            TimeSpan.FromMilliseconds(values["--pause-ms"]), values["--connection-limit"], values["--slots"], values["--request-log"] != 0);
    }
}
