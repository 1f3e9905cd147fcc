using GridSearch.Core.Workers;

namespace GridSearch.Core.Persistence;

internal sealed class RegisteredWorkerEntityConfiguration : IEntityTypeConfiguration<RegisteredWorker>
{
    public void Configure(EntityTypeBuilder<RegisteredWorker> worker)
    {
        worker.Property(w => w.Id).ValueGeneratedNever();
        worker.Property(w => w.Host).HasMaxLength(WorkerRegistry.MaxTextLength);
        worker.Property(w => w.Device).HasMaxLength(WorkerRegistry.MaxTextLength);
        worker.Property(w => w.Version).HasMaxLength(WorkerRegistry.MaxTextLength);
        worker.Property(w => w.Running).HasDefaultValueSql("'{}'");
    }
}
