using System.CommandLine;
using GridSearch.Cli.Api;

namespace GridSearch.Cli.Commands;

/// <summary>Options and arguments several commands share. New instances each time: a symbol belongs
/// to the one command tree it was added to.</summary>
internal static class CommonOptions
{
    public static Option<string> Api()
    {
        var option = new Option<string>("--api")
        {
            Description = $"The GridSearch API's URL [default: ${ApiAddress.EnvironmentVariable}, else {ApiAddress.Default}]",
            HelpName = "url",
            Recursive = true,
        };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!ApiAddress.TryParse(value, out _))
            {
                result.AddError($"--api {value} is not an http(s) URL.");
            }
        });
        return option;
    }

    public static Argument<long> TrialId() => new("trialId") { Description = "The trial's id, as trials and leaderboard list it" };

    /// <summary>The metrics the API ranks and explains by; the API checks them too.</summary>
    public static readonly string[] Metrics = ["testAccuracy", "testLoss", "valAccuracy", "valLoss"];

    /// <summary>The cross-validated accuracy: a leaderboard ranks configurations by it (see evaluate); an analysis of trials cannot.</summary>
    public const string CrossValidatedMetric = "cvAccuracy";

    /// <summary>--metric, one of <see cref="Metrics"/> (and <see cref="CrossValidatedMetric"/> with
    /// <paramref name="crossValidated"/>); <paramref name="purpose"/> says what it does, e.g. "Rank by this metric".</summary>
    public static Option<string> Metric(string purpose, bool crossValidated = false)
    {
        var option = new Option<string>("--metric", "-m") { Description = $"{purpose} [default: testAccuracy]", HelpName = "metric" };
        option.AcceptOnlyFromAmong(crossValidated ? [.. Metrics, CrossValidatedMetric] : Metrics);
        return option;
    }

    public static Argument<long> SearchId() => new("id") { Description = "The search's id, as submit printed it" };

    public static Option<bool> Watch() => new("--watch", "-w") { Description = "Keep refreshing until the search is completed or cancelled" };

    public static Option<double> Interval()
    {
        var option = new Option<double>("--interval")
        {
            Description = "Seconds between refreshes with --watch",
            HelpName = "seconds",
            DefaultValueFactory = _ => 2,
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is not (> 0 and <= 3600))
            {
                result.AddError("--interval must be more than 0 and at most 3600 seconds.");
            }
        });
        return option;
    }

    public static Option<int?> Top(string description)
    {
        var option = new Option<int?>("--top", "-n") { Description = description, HelpName = "N" };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--top must be at least 1.");
            }
        });
        return option;
    }
}
