using GridSearch.Domain.Vocabulary;
namespace GridSearch.Core.Workers;

/// <summary>What a worker says about itself when it registers and at each heartbeat.</summary>
public sealed record WorkerRegistration(Guid Id, string Host, int ProcessId, int Slots, TrainingDevice Device, string Version, TimeSpan Lease);
