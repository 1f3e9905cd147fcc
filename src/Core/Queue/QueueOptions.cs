using System.Text.RegularExpressions;

namespace GridSearch.Core.Queue;

public sealed partial class QueueOptions
{
    /// <summary>The configuration section both the API and the worker bind these options from; the worker's
    /// flags override it.</summary>
    public const string Section = "Queue";

    /// <summary>How long a claim holds a trial without a heartbeat. Workers renew well before it ends
    /// (a third of it is a good interval); a crashed worker's trial is rescued once it has passed.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per trial, the first one included, before it fails for good.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The wait before the first retry; it doubles with each further attempt.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait before a retry, however many attempts came before.</summary>
    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The PostgreSQL NOTIFY channel that tells idle workers new trials are queued.
    /// A plain lowercase identifier, because LISTEN takes a name, not a parameter.</summary>
    public string Channel { get; set; } = "trials_queued";

    /// <summary>
    /// The NOTIFY channel on which every statement that changes a trial (or an epoch, or a search's cancel)
    /// names the trial's search, in the change's own transaction: the dashboard's streams re-read a
    /// search only when it changed. Null sends none (the bench measures what they cost).
    /// A plain lowercase identifier, because LISTEN takes a name, not a parameter.
    /// </summary>
    public string? ChangesChannel { get; set; } = "trial_changes";

    /// <summary>Models kept per search once it ends: the best this many by test accuracy (the leaderboard's
    /// order), besides the pinned ones; 0 keeps every model. The API applies it when a model is unpinned, the
    /// workers as a search ends.</summary>
    public int KeepModelsPerSearch { get; set; } = 10;

    /// <summary>The wait before the retry that follows the failed attempt number <paramref name="attempt"/>:
    /// RetryBackoff * 2^(attempt - 1), at most MaxRetryBackoff.</summary>
    public TimeSpan BackoffAfter(int attempt)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var ticks = Math.Min((double)RetryBackoff.Ticks * Math.Pow(2, exponent), MaxRetryBackoff.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LeaseDuration, TimeSpan.Zero, nameof(LeaseDuration));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryBackoff, TimeSpan.Zero, nameof(RetryBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryBackoff, RetryBackoff, nameof(MaxRetryBackoff));
        ArgumentOutOfRangeException.ThrowIfNegative(KeepModelsPerSearch, nameof(KeepModelsPerSearch));
        if (!ChannelName().IsMatch(Channel))
        {
            throw new ArgumentException($"The channel must be a plain lowercase identifier, not '{Channel}'.", nameof(Channel));
        }

        if (ChangesChannel is not null && !ChannelName().IsMatch(ChangesChannel))
        {
            throw new ArgumentException($"The changes channel must be a plain lowercase identifier, not '{ChangesChannel}'.", nameof(ChangesChannel));
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex ChannelName();
}
