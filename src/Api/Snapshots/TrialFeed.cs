using System.Collections.Immutable;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using GridSearch.Api.Dashboard;
using GridSearch.Api.Trials;
using GridSearch.Core.Search;
using GridSearch.Core.Trials;
using GridSearch.Domain.Trials;

namespace GridSearch.Api.Snapshots;

/// <summary>
/// A search's trials, and the epochs of its running trials, as of one read: shared by every event stream that
/// follows the search, each of which keeps only how far it has sent (<see cref="Seq"/>). A read reads every
/// trial's state columns, then in full only the trials whose state changed since the read before, and the
/// epochs of the running ones and of those that just changed (so a finished trial's last epoch is not missed).
/// What each read changed is kept for <see cref="History"/> reads, so a stream that slept through a few sends
/// just those; one further behind, or new, gets everything (every trial, the running trials' epochs).
/// Immutable: streams read it while the next read builds the next one.
/// </summary>
internal sealed class TrialFeed
{
    /// <summary>Reads whose changes are kept for streams that fall behind.</summary>
    public const int History = 32;

    private readonly ImmutableDictionary<long, Entry> trials;
    private readonly ImmutableDictionary<(long TrialId, int Epoch), EpochItem> epochs;
    private readonly ImmutableList<Change> changes;
    private readonly Lazy<List<SseItem<string>>> everything;
    private readonly Lazy<List<SseItem<string>>> latest;

    private TrialFeed(long seq, ImmutableDictionary<long, Entry> trials, ImmutableDictionary<(long, int), EpochItem> epochs, ImmutableList<Change> changes)
    {
        Seq = seq;
        this.trials = trials;
        this.epochs = epochs;
        this.changes = changes;
        everything = new Lazy<List<SseItem<string>>>(Everything);
        latest = new Lazy<List<SseItem<string>>>(() => Since(seq - 1));
    }

    /// <summary>Which read this is: 1 for the first.</summary>
    public long Seq { get; }

    /// <summary>Reads the search's trials, building on <paramref name="previous"/> (null for the first read).</summary>
    public static async Task<TrialFeed> ReadAsync(TrialFeed? previous, long searchId, SearchEvents reads, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reads);
        var known = previous?.trials ?? ImmutableDictionary<long, Entry>.Empty;
        var states = (await reads.TrialProgressAsync(searchId, cancellationToken))
            .Select(p => new TrialState(p.Id, p.Status, p.Attempts, p.Worker, p.StartedAt, p.FinishedAt, p.TestAccuracy, p.Error))
            .ToList();
        var changed = states.Where(s => !known.TryGetValue(s.Id, out var entry) || entry.State != s).Select(s => s.Id).ToList();
        var trials = known;
        if (changed.Count > 0)
        {
            var builder = trials.ToBuilder();
            foreach (var row in await reads.TrialsAsync(changed, cancellationToken))
            {
                builder[row.Id] = new Entry(TrialState.Of(row), row.Ordinal, JsonSerializer.Serialize(TrialResponses.From(row), json));
            }

            trials = builder.ToImmutable();
        }

        var running = states.Where(s => s.Status == TrialStatus.Running).Select(s => s.Id);
        var watched = (previous is null ? running : running.Union(changed)).ToList();
        var epochs = previous?.epochs ?? ImmutableDictionary<(long, int), EpochItem>.Empty;
        var fresh = new List<string>();
        if (watched.Count > 0)
        {
            var builder = epochs.ToBuilder();
            foreach (var epoch in (await reads.EpochsAsync(watched, cancellationToken)).Select(EpochEventResponse.From))
            {
                // A retried trial rewrites its epochs from 1, so an epoch already sent may come back changed.
                if (!builder.TryGetValue((epoch.TrialId, epoch.Epoch), out var before) || before.Epoch != epoch)
                {
                    var item = new EpochItem(epoch, JsonSerializer.Serialize(epoch, json));
                    builder[(epoch.TrialId, epoch.Epoch)] = item;
                    fresh.Add(item.Json);
                }
            }

            epochs = builder.ToImmutable();
        }

        // Finished trials gain no epochs: forget theirs, so what is kept is the running trials'.
        var finished = states.Where(s => s.Status is TrialStatus.Succeeded or TrialStatus.Failed or TrialStatus.Cancelled).Select(s => s.Id).ToHashSet();
        if (epochs.Keys.Any(k => finished.Contains(k.TrialId)))
        {
            epochs = epochs.RemoveRange(epochs.Keys.Where(k => finished.Contains(k.TrialId)));
        }

        var seq = (previous?.Seq ?? 0) + 1;
        var history = (previous?.changes ?? []).Add(new Change(seq, changed, fresh));
        if (history.Count > History)
        {
            history = history.RemoveRange(0, history.Count - History);
        }

        return new TrialFeed(seq, trials, epochs, history);
    }

    /// <summary>The events a stream that has sent up to <paramref name="sent"/> (0: nothing yet) sends now.</summary>
    public IReadOnlyList<SseItem<string>> EventsSince(long sent) =>
        sent == Seq ? []
        : sent == Seq - 1 && sent > 0 ? latest.Value
        : sent <= 0 || sent > Seq || sent < Seq - changes.Count ? everything.Value
        : Since(sent);

    private List<SseItem<string>> Everything()
    {
        var running = trials.Values.Where(t => t.State.Status == TrialStatus.Running).Select(t => t.State.Id).ToHashSet();
        var events = new List<SseItem<string>> { Event("trials", trials.Values.OrderBy(t => t.Ordinal).Select(t => t.Json)) };
        var current = epochs.Where(e => running.Contains(e.Key.TrialId)).OrderBy(e => e.Key.TrialId).ThenBy(e => e.Key.Epoch).Select(e => e.Value.Json).ToList();
        if (current.Count > 0)
        {
            events.Add(Event("epochs", current));
        }

        return events;
    }

    private List<SseItem<string>> Since(long sent)
    {
        var since = changes.Where(c => c.Seq > sent).ToList();
        var ids = since.SelectMany(c => c.TrialIds).ToHashSet();
        var events = new List<SseItem<string>>();
        if (ids.Count > 0)
        {
            events.Add(Event("trials", ids.Select(id => trials[id]).OrderBy(t => t.Ordinal).Select(t => t.Json)));
        }

        var fresh = since.SelectMany(c => c.Epochs).ToList();
        if (fresh.Count > 0)
        {
            events.Add(Event("epochs", fresh));
        }

        return events;
    }

    /// <summary>A JSON array of items serialized once each.</summary>
    private static SseItem<string> Event(string type, IEnumerable<string> items)
    {
        var data = new StringBuilder("[");
        foreach (var item in items)
        {
            data.Append(data.Length > 1 ? "," : "").Append(item);
        }

        return new SseItem<string>(data.Append(']').ToString(), type);
    }

    private sealed record Entry(TrialState State, int Ordinal, string Json);

    private sealed record EpochItem(EpochEventResponse Epoch, string Json);

    private sealed record Change(long Seq, IReadOnlyList<long> TrialIds, IReadOnlyList<string> Epochs);
}
