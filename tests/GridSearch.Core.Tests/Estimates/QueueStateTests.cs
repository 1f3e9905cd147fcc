using GridSearch.Core.Estimates;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Core.Tests.Estimates;

/// <summary>When a search's last trial ends on the slots there are, behind the trials already there.</summary>
public sealed class QueueStateTests
{
    private static readonly TrialCost Cost = new(5e-6, 1000, 1000, 100, 1000, 3);

    private readonly Dictionary<ActiveTrial, double> seconds = new(ReferenceEqualityComparer.Instance);

    private ActiveTrial Trial(long searchId, double length)
    {
        var trial = new ActiveTrial(searchId, Dataset.Mnist, ModelFamily.Mlp, Cost, 0);
        seconds[trial] = length;
        return trial;
    }

    private double Price(ActiveTrial trial) => seconds[trial];

    [Fact]
    public void NewSearch_OnIdleSlots_GoesToTheSlotThatFreesFirst()
    {
        var queue = new QueueState(LiveSlots: 2, [], []);

        // 4 and 3 start at once; 2 follows the 3 (ends at 5); 1 follows the 4 (ends at 5).
        Assert.Equal(5, queue.SecondsUntilDone(null, Price, [4, 3, 2, 1]));
        Assert.Equal(2, queue.FreeSlots);
    }

    [Fact]
    public void NewSearch_BehindARunningAndAQueuedTrial_StartsOnTheFreeSlotAndSharesTheBusyOneWhenItFrees()
    {
        var queue = new QueueState(LiveSlots: 2, [Trial(1, 10)], [Trial(1, 5)]);

        // Slots free at 10 and 0. The queued 5 takes the free one (to 5); then 4 → 9, 4 → 13, and the last 4
        // takes the slot freed at 10 → 14.
        Assert.Equal(14, queue.SecondsUntilDone(null, Price, [4, 4, 4]));
        Assert.Equal((2, 1), (queue.Slots, queue.FreeSlots));
    }

    [Fact]
    public void NoRegisteredWorker_CountsOneSlot_AndUnregisteredRunningTrialsHoldTheirOwn()
    {
        Assert.Equal(5, new QueueState(LiveSlots: 0, [], []).SecondsUntilDone(null, Price, [2, 3]));
        var running = new QueueState(LiveSlots: 1, [Trial(7, 6), Trial(7, 8)], []);
        Assert.Equal((2, 0), (running.Slots, running.FreeSlots));
        Assert.Equal(8, running.SecondsUntilDone(7, Price));
    }

    [Fact]
    public void RunningSearch_EndsWithItsLastTrial_WhateverIsQueuedBehindIt()
    {
        // Search 7 runs a trial (6 s left) beside another search's (2 s left); queued: another's 3, its own 4,
        // another's 10. The 3 starts at 2 (ends 5), its own 4 at 5 (ends 9); the 10 after that changes nothing.
        var queue = new QueueState(LiveSlots: 2, [Trial(7, 6), Trial(8, 2)], [Trial(8, 3), Trial(7, 4), Trial(9, 10)]);

        Assert.Equal(9, queue.SecondsUntilDone(7, Price));
        Assert.Equal(0, queue.SecondsUntilDone(42, Price));
    }
}
