using System.Collections.Concurrent;
using GridSearch.Api.Snapshots;

namespace GridSearch.Api.Dashboard;

/// <summary>
/// Fans the queue's change notifications (<see cref="QueueChangeListener"/>) out: a change of a search first
/// marks what <see cref="SearchSnapshots"/> holds of it to be read again, then wakes the streams following it
/// and those following every search, so a stream that wakes never finds the value from before the change.
/// </summary>
public sealed class SearchChangeHub(SearchSnapshots snapshots)
{
    private readonly ConcurrentDictionary<ChangeSubscription, byte> subscriptions = new();

    /// <summary>True while the listener's connection is up and listening.</summary>
    public bool IsListening => snapshots.Listener.IsListening;

    /// <param name="searchId">The search to follow, or null for every search.</param>
    public ChangeSubscription Subscribe(long? searchId)
    {
        var subscription = new ChangeSubscription(this, searchId);
        subscriptions.TryAdd(subscription, 0);
        return subscription;
    }

    /// <summary>The search changed: heard from the queue, or written by this API (which need not wait for the notification).</summary>
    public void Changed(long searchId)
    {
        snapshots.Invalidate(searchId);
        foreach (var subscription in subscriptions.Keys)
        {
            if (subscription.SearchId is null || subscription.SearchId == searchId)
            {
                subscription.Signal();
            }
        }
    }

    internal void SetListening(bool value)
    {
        snapshots.Listener.Set(value);
        // Changes may have gone unheard; streams waiting on a quiet search would otherwise sleep through a gap,
        // or keep polling after it.
        snapshots.InvalidateAll();
        foreach (var subscription in subscriptions.Keys)
        {
            subscription.Signal();
        }
    }

    internal void Remove(ChangeSubscription subscription) => subscriptions.TryRemove(subscription, out _);
}
