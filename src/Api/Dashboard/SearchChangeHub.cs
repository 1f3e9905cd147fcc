using System.Collections.Concurrent;

namespace GridSearch.Api.Dashboard;

/// <summary>
/// Fans the queue's change notifications (<see cref="QueueChangeListener"/>) out to the open event streams:
/// a change of a search wakes the streams following it and those following every search.
/// </summary>
public sealed class SearchChangeHub
{
    private readonly ConcurrentDictionary<ChangeSubscription, byte> subscriptions = new();
    private volatile bool listening;

    /// <summary>True while the listener's connection is up and listening.</summary>
    public bool IsListening => listening;

    /// <param name="searchId">The search to follow, or null for every search.</param>
    public ChangeSubscription Subscribe(long? searchId)
    {
        var subscription = new ChangeSubscription(this, searchId);
        subscriptions.TryAdd(subscription, 0);
        return subscription;
    }

    public void Changed(long searchId)
    {
        foreach (var subscription in subscriptions.Keys)
        {
            if (subscription.SearchId is null || subscription.SearchId == searchId)
            {
                subscription.Signal();
            }
        }
    }

    /// <summary>Wakes every stream: changes may have gone unheard (the listener reconnected).</summary>
    private void ChangedAll()
    {
        foreach (var subscription in subscriptions.Keys)
        {
            subscription.Signal();
        }
    }

    internal void SetListening(bool value)
    {
        listening = value;
        // Streams waiting on a quiet search would otherwise sleep through a gap, or keep polling after it.
        ChangedAll();
    }

    internal void Remove(ChangeSubscription subscription) => subscriptions.TryRemove(subscription, out _);
}
