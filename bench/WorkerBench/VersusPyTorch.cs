using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Domain.Analysis;
using GridSearch.Domain.Datasets;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Bench;

/// <summary>
/// The service against the savvy user's script (bench/pytorch/grid.py: the same 4-trial grid in 2 processes
/// with 1 thread each, Debian's python3-torch), taking turns in one run. The service runs as it is deployed:
/// the API and a 2-slot worker already up, so a round is submit → search completed. The first, cold round
/// also counts the worker's start (slot processes, the dataset read once per slot).
/// </summary>
internal static class VersusPyTorch
{
    private const int Port = 5320;

    public static async Task RunAsync(int rounds)
    {
        var python = Environment.GetEnvironmentVariable("PYTORCH_PYTHON") ?? "/usr/bin/python3";
        var script = Path.Combine(RepositoryRoot(), "bench", "pytorch", "grid.py");
        var data = DatasetFiles.Folder(DataDirectory.Locate(), Dataset.Mnist);
        if (!await HasTorchAsync(python))
        {
            Console.WriteLine($"skipped: {python} cannot import torch (apt-get install python3-torch, or set PYTORCH_PYTHON)");
            return;
        }

        const string Database = "gridsearch_bench_versus";
        var connection = await BenchServices.FreshDatabaseAsync(Database);
        var (api, http) = await BenchServices.StartApiAsync(connection, Port);
        var cold = Stopwatch.StartNew();
        var worker = BenchServices.StartWorker(connection, slots: 2);
        await SearchAsync(http, seed: 1);
        var coldSeconds = cold.Elapsed.TotalSeconds;

        var service = new List<double>();
        var scriptSeconds = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            scriptSeconds.Add(await ScriptAsync(python, script, data));
            var clock = Stopwatch.StartNew();
            await SearchAsync(http, seed: 1 + round);
            service.Add(clock.Elapsed.TotalSeconds);
        }

        BenchServices.Stop(worker);
        BenchServices.Stop(api);
        http.Dispose();
        await BenchServices.DropDatabaseAsync(Database);

        var scriptMedian = Statistics.Median(scriptSeconds);
        var serviceMedian = Statistics.Median(service);
        Console.WriteLine();
        Console.WriteLine("4 MLPs (depth 1, 2 × width 128, 256), 2 epochs each on 54,000 MNIST images, 2 processes / slots of 1 thread");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PyTorch script (python3 bench/pytorch/grid.py), per round: {string.Join(" / ", scriptSeconds.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))} s; median {scriptMedian:F2} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"service, API + 2-slot worker up, submit to completed:  {string.Join(" / ", service.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))} s; median {serviceMedian:F2} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"service, cold (worker start included, first round):   {coldSeconds:F2} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"script / service: {scriptMedian / serviceMedian:F2}× warm, {scriptMedian / coldSeconds:F2}× cold (goal: 1.3×, {(scriptMedian / serviceMedian >= 1.3 ? "met" : "not met")} warm)"));
    }

    // The same grid each round under another seed, so the result cache answers none of it.
    private static async Task SearchAsync(HttpClient http, int seed)
    {
        var definition = $$"""
            { "name": "versus-pytorch", "dataset": "mnist", "model": "mlp", "seed": {{seed}}, "reuse": false,
              "grid": { "depth": [1, 2], "width": [128, 256] },
              "fixed": { "activation": "relu", "optimizer": "adam", "learningRate": 0.001, "batchSize": 128, "epochs": 2, "valSplit": 0.1 } }
            """;
        var id = await BenchServices.SubmitAsync(http, definition);
        while (true)
        {
            var search = await http.GetFromJsonAsync<JsonElement>(new Uri($"/api/searches/{id}", UriKind.Relative));
            if (search.GetProperty("status").GetString() is "completed" or "failed" or "cancelled")
            {
                return;
            }

            await Task.Delay(20);
        }
    }

    private static async Task<double> ScriptAsync(string python, string script, string data)
    {
        var start = new ProcessStartInfo(python) { UseShellExecute = false, RedirectStandardOutput = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(data);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed: {output}");
        }

        return seconds;
    }

    private static async Task<bool> HasTorchAsync(string python)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(python, ["-c", "import torch"]) { UseShellExecute = false, RedirectStandardError = true })!;
            await process.WaitForExitAsync();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GridSearch.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Not inside the repository.");
    }
}
