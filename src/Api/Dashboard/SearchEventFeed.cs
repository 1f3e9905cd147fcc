using System.Net.ServerSentEvents;
using System.Text.Json;
using GridSearch.Api.Searches;
using GridSearch.Api.Trials;
using GridSearch.Core.Search;
using GridSearch.Domain.Trials;

namespace GridSearch.Api.Dashboard;

/// <summary>
/// What one event stream has already told its client about a search. Each poll reads the trials'
/// state columns and sends only what changed since: the search (<c>search</c>), changed trials
/// (<c>trials</c>) and new or rewritten epochs of running and just-finished trials (<c>epochs</c>).
/// The first poll sends the search and every trial, and the epochs of the running ones.
/// </summary>
internal sealed class SearchEventFeed(long searchId, SearchService service, SearchEvents reads, JsonSerializerOptions json)
{
    private readonly Dictionary<long, TrialState> trials = [];
    private readonly Dictionary<(long TrialId, int Epoch), EpochEventResponse> epochs = [];
    private string? lastSearch;
    private bool first = true;

    /// <summary>True once the search has finished and no trial still runs: the caller may poll less often.</summary>
    public bool IsSettled { get; private set; }

    /// <returns>The events to send, or null when the search no longer exists.</returns>
    public async Task<List<SseItem<string>>?> PollAsync(CancellationToken cancellationToken)
    {
        var events = new List<SseItem<string>>();
        var states = (await reads.TrialProgressAsync(searchId, cancellationToken))
            .Select(p => new TrialState(p.Id, p.Status, p.Attempts, p.Worker, p.StartedAt, p.FinishedAt, p.TestAccuracy, p.Error))
            .ToList();
        var changed = states.Where(s => !trials.TryGetValue(s.Id, out var known) || known != s).Select(s => s.Id).ToList();
        if (changed.Count > 0)
        {
            var rows = await reads.TrialsAsync(changed, cancellationToken);
            foreach (var row in rows)
            {
                trials[row.Id] = TrialState.Of(row);
            }

            events.Add(Event("trials", rows.Select(t => TrialResponses.From(t)).ToList()));
        }

        // A trial that just finished is read once more, so its last epoch is not missed.
        var running = states.Where(s => s.Status == TrialStatus.Running).Select(s => s.Id);
        var watched = (first ? running : running.Union(changed)).ToList();
        if (watched.Count > 0)
        {
            var rows = await reads.EpochsAsync(watched, cancellationToken);
            var fresh = new List<EpochEventResponse>();
            foreach (var epoch in rows.Select(EpochEventResponse.From))
            {
                // A retried trial rewrites its epochs from 1, so an epoch already sent may come back changed.
                if (!epochs.TryGetValue((epoch.TrialId, epoch.Epoch), out var known) || known != epoch)
                {
                    epochs[(epoch.TrialId, epoch.Epoch)] = epoch;
                    fresh.Add(epoch);
                }
            }

            if (fresh.Count > 0)
            {
                events.Add(Event("epochs", fresh));
            }
        }

        // Finished trials gain no epochs: forget theirs, so the memory held stays that of running trials.
        var finished = states.Where(s => s.Status is TrialStatus.Succeeded or TrialStatus.Failed or TrialStatus.Cancelled).Select(s => s.Id).ToHashSet();
        foreach (var key in epochs.Keys.Where(k => finished.Contains(k.TrialId)).ToList())
        {
            epochs.Remove(key);
        }

        var progress = await service.GetAsync(searchId, cancellationToken);
        if (progress is null)
        {
            return null;
        }

        var search = JsonSerializer.Serialize(SearchResponses.From(progress), json);
        if (search != lastSearch)
        {
            lastSearch = search;
            events.Add(new SseItem<string>(search, "search"));
        }

        IsSettled = progress.FinishedAt is not null;
        first = false;
        return events;
    }

    private SseItem<string> Event<T>(string type, T data) => new(JsonSerializer.Serialize(data, json), type);
}
