using GridSearch.Core.Trials;

namespace GridSearch.Core.Tests.Trials;

public sealed class TrialTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly TrialResult Result = new(0.98, 0.07, 0.981, 0.06, 3, StopReason.Completed, 1000, [[1]]);

    private static Trial Running(int maxAttempts = 3)
    {
        var trial = new Trial(1, 0, "{}", "hash", maxAttempts, Now);
        trial.Claim("worker-a", Guid.NewGuid(), Now.AddSeconds(30), Now);
        return trial;
    }

    [Fact]
    public void Cancel_OfQueuedTrial_CancelsAtOnceAndItCanNeverRun()
    {
        var trial = new Trial(1, 0, "{}", "hash", 3, Now);

        trial.RequestCancel(Now);

        Assert.Equal(TrialStatus.Cancelled, trial.Status);
        Assert.Throws<InvalidTrialTransitionException>(() => trial.Claim("w", Guid.NewGuid(), Now, Now));
    }

    [Fact]
    public void Cancel_OfRunningTrial_FlagsItUntilItsWorkerConfirms()
    {
        var trial = Running();

        trial.RequestCancel(Now);

        Assert.Equal(TrialStatus.Running, trial.Status);
        Assert.True(trial.CancelRequested);
        trial.ConfirmCancelled(Now);
        Assert.Equal(TrialStatus.Cancelled, trial.Status);
    }

    [Fact]
    public void FailAttempt_WithAttemptsLeft_QueuesAgainAfterBackoff_ThenFailsForGoodKeepingTheError()
    {
        var trial = Running(maxAttempts: 2);

        trial.FailAttempt("boom", TimeSpan.FromSeconds(5), Now);
        Assert.Equal(TrialStatus.Queued, trial.Status);
        Assert.Equal(Now.AddSeconds(5), trial.AvailableAt);

        trial.Claim("worker-b", Guid.NewGuid(), Now.AddSeconds(30), Now);
        trial.FailAttempt("boom again", TimeSpan.FromSeconds(5), Now);
        Assert.Equal(TrialStatus.Failed, trial.Status);
        Assert.Equal("boom again", trial.Error);
        Assert.Equal(2, trial.Attempts);
    }

    [Fact]
    public void Succeed_StoresResultAndFinishes_AndAFinishedTrialRefusesEveryOtherTransition()
    {
        var trial = Running();

        trial.Succeed(Result, Now);

        Assert.Equal(TrialStatus.Succeeded, trial.Status);
        Assert.Equal(0.98, trial.TestAccuracy);
        Assert.Null(trial.LeaseToken);
        Assert.Throws<InvalidTrialTransitionException>(() => trial.Succeed(Result, Now));
        Assert.Throws<InvalidTrialTransitionException>(() => trial.FailAttempt("x", TimeSpan.Zero, Now));
        Assert.Throws<InvalidTrialTransitionException>(() => trial.ConfirmCancelled(Now));
        Assert.Throws<InvalidTrialTransitionException>(() => trial.Claim("w", Guid.NewGuid(), Now, Now));
    }

    [Fact]
    public void Release_HandsTheTrialBackWithoutSpendingAnAttempt()
    {
        var trial = Running();

        trial.Release(Now);

        Assert.Equal(TrialStatus.Queued, trial.Status);
        Assert.Equal(0, trial.Attempts);
    }

    [Fact]
    public void FailOrRelease_AfterACancelRequest_EndsCancelledInsteadOfQueueingAgain()
    {
        var failing = Running();
        var releasing = Running();
        failing.RequestCancel(Now);
        releasing.RequestCancel(Now);

        failing.FailAttempt("boom", TimeSpan.FromSeconds(5), Now);
        releasing.Release(Now);

        Assert.Equal(TrialStatus.Cancelled, failing.Status);
        Assert.Equal(TrialStatus.Cancelled, releasing.Status);
    }
}
