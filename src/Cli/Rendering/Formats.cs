using System.Globalization;

namespace GridSearch.Cli.Rendering;

/// <summary>How numbers and times read in tables and status lines.</summary>
internal static class Formats
{
    public const string Missing = "-";

    public static string Metric(double? value) => value is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : Missing;

    public static string Integer(long? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : Missing;

    public static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>"1 trial", "3 trials"; <paramref name="many"/> for a noun whose plural is not the noun and an s.</summary>
    public static string Plural(long count, string one, string? many = null) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} {(count == 1 ? one : many ?? one + "s")}";

    public static string Percent(int part, int whole) =>
        whole == 0 ? "0%" : ((double)part / whole).ToString("0%", CultureInfo.InvariantCulture);

    /// <summary>Short and human: 4.2s, 45s, 3m12s, 2h05m.</summary>
    public static string Duration(TimeSpan? duration)
    {
        if (duration is not { } d)
        {
            return Missing;
        }

        if (d < TimeSpan.Zero)
        {
            d = TimeSpan.Zero;
        }

        return d.TotalSeconds < 10 ? d.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s"
            : d.TotalMinutes < 1 ? $"{(int)d.TotalSeconds}s"
            : d.TotalHours < 1 ? $"{(int)d.TotalMinutes}m{d.Seconds:00}s"
            : $"{(int)d.TotalHours}h{d.Minutes:00}m";
    }

    public static string Timestamp(DateTimeOffset? time) =>
        time is { } t ? t.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : Missing;
}
