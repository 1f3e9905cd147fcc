using GridSearch.Core;
using GridSearch.Core.Persistence;
using GridSearch.Core.Queue;
using GridSearch.Core.Workers;
using GridSearch.Training;
using GridSearch.Worker.Execution;
using GridSearch.Worker.Supervision;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GridSearch.Worker.Hosting;

public static class WorkerServiceCollectionExtensions
{
    /// <summary><see cref="WorkerOptions"/> and <see cref="QueueOptions"/>, bound from configuration and checked at start.</summary>
    public static IServiceCollection AddWorkerOptions(this IServiceCollection services)
    {
        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidation>();
        // The API binds the same section (AddGridSearchCore); the worker's flags override it.
        services.AddQueueOptions().Configure<IOptions<WorkerOptions>>((queue, worker) => worker.Value.ApplyTo(queue));
        return services;
    }

    /// <summary>The parent process: starts one child process per slot and keeps them running, and keeps the
    /// worker's row in the workers table fresh.</summary>
    public static IServiceCollection AddSupervisor(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(provider => WorkerDataSource(provider, connectionString));
        services.AddSingleton<WorkerRegistry>();
        services.AddSingleton<WorkerPresence>();
        services.AddHostedService<Supervisor>();
        services.AddHostedService<HealthBeat>();
        return services;
    }

    /// <summary>A slot's process: its own connection pool and libtorch, its claim loop and its lease sweep.</summary>
    public static IServiceCollection AddSlot(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(provider => WorkerDataSource(provider, connectionString));
        services.AddSingleton<TrialQueue>();
        services.AddSingleton<QueueNotifications>();
        services.AddSingleton<QueueWarmUp>();
        services.AddSingleton<EpochStandingQuery>();
        services.AddSingleton<WorkerRegistry>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<WorkerOptions>>().Value;
            return TrialTrainer.FromEnvironment(new TrainerOptions { Device = options.Device, Threads = options.ThreadsPerTrial });
        });
        services.AddHostedService<SlotWorker>();
        services.AddHostedService<LeaseRescuer>();
        return services;
    }

    /// <summary>A worker process's pool: one connection (<see cref="GridSearchDataSource.WorkerProcessConnections"/>),
    /// waited for longer than a slot holds it while it waits for work.</summary>
    private static Npgsql.NpgsqlDataSource WorkerDataSource(IServiceProvider provider, string connectionString) =>
        GridSearchDataSource.CreateForWorker(connectionString, provider.GetRequiredService<IOptions<WorkerOptions>>().Value.PollInterval);
}
