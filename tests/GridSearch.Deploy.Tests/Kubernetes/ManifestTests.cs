using System.Data.Common;
using System.Text.Json.Nodes;
using GridSearch.Core.Access;
using Microsoft.Extensions.Hosting;
using Npgsql;
using static GridSearch.Deploy.Tests.Kubernetes.RenderedManifests;

namespace GridSearch.Deploy.Tests.Kubernetes;

/// <summary>
/// What deploy/k8s gives a cluster, read from <c>kubectl kustomize</c>'s output (what <c>kubectl apply -k</c>
/// sends), not from the files: kustomize's generated Secret names, image rewrites and name references
/// are part of what is checked. No cluster runs here; these manifests are rendered, never applied.
/// </summary>
public sealed class ManifestTests
{
    // What `make images` builds.
    private const string ApiImage = "gridsearch-api";
    private const string WorkerImage = "gridsearch-worker";
    private const string GpuWorkerImage = "gridsearch-worker-gpu";

    // The login scripts/worker-user.sh and the compose file's init script create, in the gridsearch_worker role.
    private const string WorkerLogin = "gridsearch_worker_login";

    [Fact]
    public async Task EveryContainer_RunsOneOfTheThreeProjectImages_AndEachOfThemRuns()
    {
        var manifests = await GetAsync();

        var images = manifests.Objects.SelectMany(Containers).Select(c => Text(c["image"])).ToList();

        Assert.All(images, image => Assert.Contains(image, new[] { $"{ApiImage}:latest", $"{WorkerImage}:latest", $"{GpuWorkerImage}:latest" }));
        Assert.Equal([ApiImage, WorkerImage, GpuWorkerImage], images.Select(ImageName).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task NoDeployment_WritesAPasswordOrKey_TheyComeFromTheSecrets()
    {
        var manifests = await GetAsync();
        var secretValues = manifests.OfKind("Secret")
            .SelectMany(s => (s["data"] as JsonObject ?? [])
                .Where(p => p.Key is "password" or "key")
                .Select(p => manifests.SecretValue(Text(s["metadata"]!["name"]), p.Key)))
            .ToHashSet();

        foreach (var deployment in manifests.OfKind("Deployment"))
        {
            foreach (var container in Containers(deployment))
            {
                var fromSecrets = FromSecrets(container);
                var literals = (container["env"] as JsonArray ?? []).OfType<JsonObject>()
                    .Where(v => v["value"] is not null)
                    .ToDictionary(v => Text(v["name"]), v => Text(v["value"]));
                var where = $"{Text(deployment["metadata"]!["name"])}'s {Text(container["name"])}";

                // GRIDSEARCH_DB is put together from variables; its password is one taken from a Secret, above it.
                var written = new DbConnectionStringBuilder { ConnectionString = literals["GRIDSEARCH_DB"] };
                var password = (string)written["Password"];
                var passwordVariable = fromSecrets.Where(v => $"$({v.Key})" == password).ToList();
                Assert.True(passwordVariable is [{ Value.Key: "password" }], $"{where}: the password in GRIDSEARCH_DB is '{password}'");
                Assert.False(
                    literals.Keys.Any(name => name.Contains("PASSWORD", StringComparison.Ordinal) || name.EndsWith("_KEY", StringComparison.Ordinal)),
                    $"{where} writes a password or key variable itself");
                Assert.False(literals.Values.Any(l => secretValues.Any(secret => l.Contains(secret, StringComparison.Ordinal))), $"{where} writes a Secret's value");
            }
        }
    }

    [Fact]
    public async Task Workers_ConnectAsTheWorkerLogin_AndTheApiAsTheOwner_ToOneDatabase()
    {
        var manifests = await GetAsync();
        NpgsqlConnectionStringBuilder Connection(string image) =>
            new(manifests.EnvironmentOf(Container(manifests.DeploymentRunning(image)))["GRIDSEARCH_DB"]);

        var api = Connection(ApiImage);
        var cpu = Connection(WorkerImage);
        var gpu = Connection(GpuWorkerImage);

        foreach (var worker in new[] { cpu, gpu })
        {
            Assert.DoesNotContain("$(", worker.ConnectionString, StringComparison.Ordinal);
            Assert.Equal(WorkerLogin, worker.Username);
            Assert.Equal(manifests.SecretValue(SecretOf(manifests, WorkerImage, "DB_PASSWORD"), "password"), worker.Password);
            Assert.Equal((api.Host, api.Port, api.Database, api.SslMode), (worker.Host, worker.Port, worker.Database, worker.SslMode));
        }

        Assert.DoesNotContain("$(", api.ConnectionString, StringComparison.Ordinal);
        Assert.NotEqual(WorkerLogin, api.Username);
        Assert.NotEqual(SecretOf(manifests, WorkerImage, "DB_PASSWORD"), SecretOf(manifests, ApiImage, "DB_PASSWORD"));
    }

    [Fact]
    public async Task GpuWorker_RequestsOneNvidiaGpu_AndTrainsOnCuda_WhileTheCpuWorkerAsksForNone()
    {
        var manifests = await GetAsync();
        var gpu = Container(manifests.DeploymentRunning(GpuWorkerImage));
        var cpu = Container(manifests.DeploymentRunning(WorkerImage));

        Assert.Equal("1", Text(gpu["resources"]!["limits"]!["nvidia.com/gpu"]));
        Assert.Equal("1", Text(gpu["resources"]!["requests"]!["nvidia.com/gpu"]));
        Assert.Equal("cuda", Flag(gpu, "--device"));
        Assert.Equal("cpu", Flag(cpu, "--device"));
        Assert.Null(cpu["resources"]!["limits"]?["nvidia.com/gpu"]);
    }

    [Fact]
    public async Task ApiService_SendsItsTrafficToThePortTheApiListensOn_AsDoItsProbes()
    {
        var manifests = await GetAsync();
        var deployment = manifests.DeploymentRunning(ApiImage);
        var api = Container(deployment);
        var listens = new Uri(manifests.EnvironmentOf(api)["ASPNETCORE_URLS"]).Port;

        var service = Assert.Single(manifests.OfKind("Service"));
        var selector = service["spec"]!["selector"]!.AsObject();
        var podLabels = deployment["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        Assert.All(selector, label => Assert.Equal(Text(label.Value), Text(podLabels[label.Key])));
        var port = Assert.Single(service["spec"]!["ports"]!.AsArray());
        Assert.Equal(listens, ContainerPort(api, Text(port!["targetPort"])));

        foreach (var (probe, path) in new[] { ("startupProbe", "/health/live"), ("livenessProbe", "/health/live"), ("readinessProbe", "/health/ready") })
        {
            var get = api[probe]!["httpGet"]!;
            Assert.Equal(path, Text(get["path"]));
            Assert.Equal(listens, ContainerPort(api, Text(get["port"])));
        }
    }

    [Fact]
    public async Task Scaler_SizesTheCpuWorkers_ToTheirSlots_ReadingTheQueueWithTheWorkersLogin()
    {
        var manifests = await GetAsync();
        var scaled = Assert.Single(manifests.OfKind("ScaledObject"));
        var workers = manifests.DeploymentRunning(WorkerImage);
        var trigger = Assert.Single(scaled["spec"]!["triggers"]!.AsArray())!.AsObject();

        Assert.Equal(Text(workers["metadata"]!["name"]), Text(scaled["spec"]!["scaleTargetRef"]!["name"]));
        Assert.Equal("postgresql", Text(trigger["type"]));
        // One pod per --slots trials: a trial that can run gets a slot.
        Assert.Equal(Flag(Container(workers), "--slots"), Text(trigger["metadata"]!["targetQueryValue"]));
        Assert.Equal("0", Text(scaled["spec"]!["minReplicaCount"]));
        // A replica count in the Deployment would be reset by every apply, under KEDA's feet.
        Assert.Null(workers["spec"]!["replicas"]);
        Assert.False(string.IsNullOrWhiteSpace(Text(trigger["metadata"]!["query"])));
        Assert.Null(trigger["metadata"]!["connectionFromEnv"]);
        Assert.Null(trigger["metadata"]!["password"]);

        // KEDA builds its connection from these parameters (host, port, userName, dbName, sslmode, password),
        // each read from a Secret that exists under its generated name: the same values the workers use.
        var authentication = manifests.Single("TriggerAuthentication", Text(trigger["authenticationRef"]!["name"]));
        var parameters = authentication["spec"]!["secretTargetRef"]!.AsArray().OfType<JsonObject>()
            .ToDictionary(r => Text(r["parameter"]), r => manifests.SecretValue(Text(r["name"]), Text(r["key"])));
        var worker = new NpgsqlConnectionStringBuilder(manifests.EnvironmentOf(Container(workers))["GRIDSEARCH_DB"]);
        Assert.Equal(["dbName", "host", "password", "port", "sslmode", "userName"], parameters.Keys.Order());
        Assert.Equal(
            (worker.Host, worker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), worker.Database, worker.Username, worker.Password),
            (parameters["host"], parameters["port"], parameters["dbName"], parameters["userName"], parameters["password"]));
        Assert.Equal(worker.SslMode.ToString(), parameters["sslmode"], ignoreCase: true);
    }

    [Fact]
    public async Task AdminKeyPlaceholder_IsTooShortForTheApi_SoItIsNeverStoredAsAKey()
    {
        var manifests = await GetAsync();
        var api = Container(manifests.DeploymentRunning(ApiImage));

        var key = manifests.EnvironmentOf(api)[AccessOptions.AdminKeyEnvironmentVariable];

        Assert.True(key.Length < ApiKeySecret.MinLength, $"the placeholder '{key}' is a key the API would store");
        Assert.StartsWith("gridsearch-admin-key-", SecretOf(manifests, ApiImage, AccessOptions.AdminKeyEnvironmentVariable), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryPod_RunsAsAnUnprivilegedUser()
    {
        var manifests = await GetAsync();

        foreach (var deployment in manifests.OfKind("Deployment"))
        {
            var pod = deployment["spec"]!["template"]!["spec"]!;
            Assert.Equal("true", Text(pod["securityContext"]!["runAsNonRoot"]));
            Assert.NotEqual("0", Text(pod["securityContext"]!["runAsUser"]));
            Assert.All(Containers(deployment), c =>
            {
                Assert.Equal("false", Text(c["securityContext"]!["allowPrivilegeEscalation"]));
                Assert.Equal("ALL", Text(Assert.Single(c["securityContext"]!["capabilities"]!["drop"]!.AsArray())));
            });
        }
    }

    [Fact]
    public async Task Workers_AreGivenLongerToStopThanTheirHostTakes_SoSlotsHandTheirTrialsBack()
    {
        var manifests = await GetAsync();
        // The worker's host stops within its shutdown timeout (the default: the worker sets none), its
        // slots handing their trials back meanwhile; killed before that, a trial waits out its lease.
        var hostStops = new HostOptions().ShutdownTimeout;

        foreach (var image in new[] { WorkerImage, GpuWorkerImage })
        {
            var grace = TimeSpan.FromSeconds(int.Parse(Text(manifests.DeploymentRunning(image)["spec"]!["template"]!["spec"]!["terminationGracePeriodSeconds"]), System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(grace > hostStops, $"{image}: {grace} to stop, its host may take {hostStops}");
        }
    }

    private static string SecretOf(RenderedManifests manifests, string image, string variable) =>
        FromSecrets(Container(manifests.DeploymentRunning(image)))[variable].Secret;
}
