using GridSearch.Core.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GridSearch.Migrations;

/// <summary>
/// The first schema: searches, trials (which are also the queue's rows) and epochs.
/// Written as SQL because the EF Core design-time package (and so `dotnet ef migrations add`)
/// is not in the package registry reachable here; the SQL is what EF Core generates for the model,
/// and a test checks that a migrated database matches the model.
/// </summary>
[DbContext(typeof(GridSearchDbContext))]
[Migration("20261121230000_InitialSchema")]
public sealed class InitialSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("""
            CREATE TABLE searches (
                id bigint GENERATED ALWAYS AS IDENTITY,
                name text NOT NULL,
                dataset text NOT NULL,
                model text NOT NULL,
                definition jsonb NOT NULL,
                trial_count integer NOT NULL,
                idempotency_key text,
                created_at timestamp with time zone NOT NULL,
                cancelled_at timestamp with time zone,
                CONSTRAINT "PK_searches" PRIMARY KEY (id)
            );

            CREATE TABLE trials (
                id bigint GENERATED ALWAYS AS IDENTITY,
                search_id bigint NOT NULL,
                ordinal integer NOT NULL,
                status character varying(16) NOT NULL,
                config jsonb NOT NULL,
                config_hash text NOT NULL,
                attempts integer NOT NULL,
                max_attempts integer NOT NULL,
                available_at timestamp with time zone NOT NULL,
                lease_token uuid,
                lease_expires_at timestamp with time zone,
                cancel_requested boolean NOT NULL,
                worker text,
                started_at timestamp with time zone,
                finished_at timestamp with time zone,
                error text,
                test_accuracy double precision,
                test_loss double precision,
                val_accuracy double precision,
                val_loss double precision,
                best_epoch integer,
                stop_reason text,
                parameter_count bigint,
                confusion_matrix jsonb,
                CONSTRAINT "PK_trials" PRIMARY KEY (id),
                CONSTRAINT "FK_trials_searches_search_id" FOREIGN KEY (search_id) REFERENCES searches (id) ON DELETE CASCADE
            );

            CREATE TABLE epochs (
                trial_id bigint NOT NULL,
                number integer NOT NULL,
                train_loss double precision NOT NULL,
                train_accuracy double precision NOT NULL,
                val_loss double precision,
                val_accuracy double precision,
                learning_rate double precision NOT NULL,
                seconds double precision NOT NULL,
                CONSTRAINT "PK_epochs" PRIMARY KEY (trial_id, number),
                CONSTRAINT "FK_epochs_trials_trial_id" FOREIGN KEY (trial_id) REFERENCES trials (id) ON DELETE CASCADE
            );

            CREATE INDEX "IX_searches_created_at" ON searches (created_at);

            CREATE UNIQUE INDEX "IX_searches_idempotency_key" ON searches (idempotency_key);

            CREATE INDEX ix_trials_leaderboard ON trials (search_id, test_accuracy DESC, id) WHERE status = 'succeeded';

            CREATE INDEX ix_trials_leaderboard_all ON trials (test_accuracy DESC, id) WHERE status = 'succeeded';

            CREATE INDEX ix_trials_lease ON trials (lease_expires_at) WHERE status = 'running';

            CREATE INDEX ix_trials_queue ON trials (available_at, id) WHERE status = 'queued';

            CREATE UNIQUE INDEX "IX_trials_search_id_config_hash" ON trials (search_id, config_hash);

            CREATE INDEX "IX_trials_search_id_ordinal" ON trials (search_id, ordinal);

            CREATE INDEX "IX_trials_search_id_status" ON trials (search_id, status);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("DROP TABLE epochs; DROP TABLE trials; DROP TABLE searches;");
    }
}
