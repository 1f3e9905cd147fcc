namespace GridSearch.Core.Tests.Queue;

/// <summary>A call the queue must refuse: how to reach the state, the call, and what it returns instead.</summary>
internal sealed record QueueRefusal(Func<Scenario, Task> Arrange, Func<Scenario, Task<object>> Act, object Returns);
