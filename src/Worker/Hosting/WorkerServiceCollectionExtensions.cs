using GridSearch.Core.Persistence;
using GridSearch.Core.Queue;
using GridSearch.Core.Search;
using GridSearch.Core.Workers;
using GridSearch.Training;
using GridSearch.Worker.Execution;
using GridSearch.Worker.Supervision;
using Microsoft.Extensions.Configuration;
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
        services.AddOptions<QueueOptions>()
            .BindConfiguration(QueueOptions.Section)
            .Configure<IOptions<WorkerOptions>>((queue, worker) => worker.Value.ApplyTo(queue))
            // The retention the worker applies as a search ends is the service's one setting, shared with the API.
            .Configure<IConfiguration>((queue, configuration) =>
            {
                if (configuration.GetSection(SearchLimits.Section).GetValue<int?>(nameof(SearchLimits.KeepModelsPerSearch)) is { } keep)
                {
                    queue.KeepModelsPerSearch = keep;
                }
            });
        return services;
    }

    /// <summary>The parent process: starts one child process per slot and keeps them running, and keeps the
    /// worker's row in the workers table fresh.</summary>
    public static IServiceCollection AddSupervisor(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => GridSearchDataSource.Create(connectionString));
        services.AddSingleton<WorkerRegistry>();
        services.AddSingleton<WorkerPresence>();
        services.AddHostedService<Supervisor>();
        return services;
    }

    /// <summary>A slot's process: its own connection pool and libtorch, its claim loop and its lease sweep.</summary>
    public static IServiceCollection AddSlot(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => GridSearchDataSource.Create(connectionString));
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<QueueOptions>>().Value);
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
}
