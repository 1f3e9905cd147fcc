using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Testing;

namespace GridSearch.Deploy.Tests.Compose;

/// <summary>A search submitted to the stack's API through its published port, and what the database says of it.</summary>
public sealed class StackSearch
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(6);
    private readonly ComposeStack stack;

    private StackSearch(ComposeStack stack, long id, int trials, int epochs)
    {
        this.stack = stack;
        Id = id;
        Trials = trials;
        Epochs = epochs;
    }

    public long Id { get; }
    public int Trials { get; }
    public int Epochs { get; }

    /// <summary>An MNIST MLP search, one trial per width; the seed keeps it out of the result cache of
    /// the other tests' searches.</summary>
    public static async Task<StackSearch> SubmitAsync(ComposeStack stack, string name, int seed, int[] widths, int epochs, int trainSize)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(widths);
        var definition = new
        {
            name,
            dataset = "mnist",
            model = "mlp",
            seed,
            grid = new { width = widths },
            @fixed = new { depth = 2, epochs, trainSize, batchSize = 64, optimizer = "adam", learningRate = 0.001 },
        };
        using var response = await stack.Api.PostAsJsonAsync("/api/searches", definition);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64();
        return new StackSearch(stack, id, widths.Length, epochs);
    }

    public async Task<long> CountAsync(string condition) =>
        await stack.ScalarAsync($"SELECT count(*) FROM trials WHERE search_id = {Id} AND ({condition})");

    public Task<long> EpochsRecordedAsync() =>
        stack.ScalarAsync($"SELECT count(*) FROM epochs e JOIN trials t ON t.id = e.trial_id WHERE t.search_id = {Id}");

    /// <summary>Waits for a running trial two or more epochs in, with a checkpoint to resume from: (trial id, its worker).</summary>
    public async Task<(long Trial, string Worker)> WaitForMidTrialAsync()
    {
        var sql = $"""
            SELECT t.id, t.worker FROM trials t JOIN trial_checkpoints c ON c.trial_id = t.id
            WHERE t.search_id = {Id} AND t.status = 'running' AND c.epoch >= 2
            ORDER BY t.id LIMIT 1
            """;
        (long, string)? found = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                var rows = await QuerySafelyAsync(sql);
                found = rows.Count == 1 ? (long.Parse(rows[0][0], CultureInfo.InvariantCulture), rows[0][1]) : null;
                return found is not null;
            },
            Patience,
            () => $"no trial of search {Id} got two epochs in");
        return found!.Value;
    }

    /// <summary>The worker identity ("host/pid/device") that holds the trial now, or null when nobody does.</summary>
    public async Task<string?> RunningWorkerAsync(long trial)
    {
        var rows = await QuerySafelyAsync($"SELECT worker FROM trials WHERE id = {trial} AND status = 'running'");
        return rows.Count == 1 ? rows[0][0] : null;
    }

    public async Task WaitUntilFinishedAsync()
    {
        await Eventually.HoldsAsync(
            async () => await CountAsync("status IN ('succeeded', 'failed', 'cancelled')") == Trials,
            Patience,
            () => $"search {Id} did not finish");
    }

    /// <summary>Nothing lost, nothing recorded twice: every trial succeeded once, with each of its epochs
    /// exactly once, numbered without a gap, and its test accuracy.</summary>
    public async Task AssertRecordedOnceAsync()
    {
        Assert.Equal(Trials, await CountAsync("true"));
        Assert.Equal(Trials, await CountAsync("status = 'succeeded' AND test_accuracy IS NOT NULL AND lease_token IS NULL"));
        var perTrial = await stack.QueryAsync($"""
            SELECT t.id, count(e.number), count(DISTINCT e.number), coalesce(min(e.number), -1), coalesce(max(e.number), -1)
            FROM trials t LEFT JOIN epochs e ON e.trial_id = t.id WHERE t.search_id = {Id} GROUP BY t.id ORDER BY t.id
            """);
        foreach (var row in perTrial)
        {
            var numbers = row.Skip(1).Select(value => int.Parse(value, CultureInfo.InvariantCulture)).ToArray();
            Assert.True(numbers[0] == Epochs && numbers[1] == Epochs && numbers[3] - numbers[2] + 1 == Epochs,
                $"trial {row[0]}: {numbers[0]} epochs recorded ({numbers[1]} distinct, {numbers[2]}..{numbers[3]}), expected {Epochs} once each");
        }
    }

    /// <summary>The distinct hosts that hold the search's trials' last claims.</summary>
    public async Task<IReadOnlyList<string>> TrainingHostsAsync() =>
        (await stack.QueryAsync($"SELECT DISTINCT split_part(worker, '/', 1) FROM trials WHERE search_id = {Id} AND worker IS NOT NULL"))
        .Select(row => row[0]).ToList();

    private async Task<IReadOnlyList<string[]>> QuerySafelyAsync(string sql)
    {
        try
        {
            return await stack.QueryAsync(sql);
        }
        catch (InvalidOperationException)
        {
            return [];
        }
    }
}
