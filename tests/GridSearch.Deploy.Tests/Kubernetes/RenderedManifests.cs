using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GridSearch.Testing;
using YamlDotNet.RepresentationModel;

namespace GridSearch.Deploy.Tests.Kubernetes;

/// <summary>
/// The objects that <c>kubectl kustomize deploy/k8s</c> renders (what <c>kubectl apply -k</c> would
/// send), as JSON nodes to read. kubectl renders without a cluster; it comes from Debian's
/// kubernetes-client package (scripts/deps.sh), or KUBECTL names another one.
/// </summary>
internal sealed partial class RenderedManifests
{
    private static readonly Lazy<Task<RenderedManifests>> Rendered = new(() => RenderAsync(RepositoryRoot.File("deploy", "k8s")));

    private RenderedManifests(IReadOnlyList<JsonObject> objects) => Objects = objects;

    public IReadOnlyList<JsonObject> Objects { get; }

    /// <summary>deploy/k8s, rendered once per test run.</summary>
    public static Task<RenderedManifests> GetAsync() => Rendered.Value;

    public static async Task<RenderedManifests> RenderAsync(string directory)
    {
        var kubectl = Environment.GetEnvironmentVariable("KUBECTL") is { Length: > 0 } named ? named : "kubectl";
        var start = new ProcessStartInfo(kubectl)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "kustomize", directory },
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{kubectl} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{kubectl} is not installed: Debian's kubernetes-client package has it (scripts/deps.sh).", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{kubectl} kustomize {directory} exited {process.ExitCode}:\n{await errors}");
            }

            return Parse(await output);
        }
    }

    public static RenderedManifests Parse(string yaml)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(yaml))
        {
            stream.Load(reader);
        }

        return new RenderedManifests([.. stream.Documents.Select(d => ToJson(d.RootNode)).OfType<JsonObject>()]);
    }

    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => Text(o["kind"]) == kind);

    public JsonObject Single(string kind, string name)
    {
        var found = OfKind(kind).Where(o => Text(o["metadata"]?["name"]) == name).ToList();
        return found.Count == 1
            ? found[0]
            : throw new InvalidOperationException($"{found.Count} {kind} objects named {name}; rendered: {string.Join(", ", Objects.Select(Describe))}");
    }

    /// <summary>The Deployments whose pods run <paramref name="image"/> (any tag).</summary>
    public JsonObject DeploymentRunning(string image) =>
        OfKind("Deployment").Single(d => Containers(d).Any(c => ImageName(Text(c["image"])) == image));

    public static IEnumerable<JsonObject> Containers(JsonObject workload)
    {
        var pod = workload["spec"]?["template"]?["spec"];
        return new[] { pod?["containers"], pod?["initContainers"] }
            .OfType<JsonArray>()
            .SelectMany(a => a.OfType<JsonObject>());
    }

    public static JsonObject Container(JsonObject workload) => Containers(workload).Single();

    public static IReadOnlyList<string> Args(JsonObject container) =>
        container["args"] is JsonArray args ? [.. args.Select(Text)] : [];

    /// <summary>The value after <paramref name="flag"/> in the container's arguments.</summary>
    public static string? Flag(JsonObject container, string flag)
    {
        var args = Args(container);
        var at = args.ToList().IndexOf(flag);
        return at >= 0 && at + 1 < args.Count ? args[at + 1] : null;
    }

    public static string ImageName(string image)
    {
        var slash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', slash + 1);
        return colon < 0 ? image : image[..colon];
    }

    /// <summary>A key of a rendered Secret, decoded.</summary>
    public string SecretValue(string name, string key)
    {
        var secret = Single("Secret", name);
        if (secret["stringData"]?[key] is { } plain)
        {
            return Text(plain);
        }

        var encoded = secret["data"]?[key] ?? throw new InvalidOperationException($"Secret {name} has no key {key}.");
        return Encoding.UTF8.GetString(Convert.FromBase64String(Text(encoded)));
    }

    /// <summary>
    /// The container's environment as the kubelet gives it: values from Secrets looked up, and
    /// <c>$(NAME)</c> replaced with a variable defined above it (one defined later, or not at all, stays
    /// as written; <c>$$</c> is a literal <c>$</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string> EnvironmentOf(JsonObject container)
    {
        var environment = new Dictionary<string, string>();
        foreach (var variable in (container["env"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = Text(variable["name"]);
            if (variable["valueFrom"]?["secretKeyRef"] is JsonObject reference)
            {
                environment[name] = SecretValue(Text(reference["name"]), Text(reference["key"]));
            }
            else if (variable["value"] is { } value)
            {
                environment[name] = Reference().Replace(Text(value), m =>
                    m.Value == "$$" ? "$" : environment.TryGetValue(m.Groups[1].Value, out var earlier) ? earlier : m.Value);
            }
        }

        return environment;
    }

    /// <summary>The variables of the container that come from a Secret, by name: (Secret, key).</summary>
    public static IReadOnlyDictionary<string, (string Secret, string Key)> FromSecrets(JsonObject container) =>
        (container["env"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(v => v["valueFrom"]?["secretKeyRef"] is JsonObject)
            .ToDictionary(
                v => Text(v["name"]),
                v => (Text(v["valueFrom"]!["secretKeyRef"]!["name"]), Text(v["valueFrom"]!["secretKeyRef"]!["key"])));

    /// <summary>The container port a port reference (a number or a port's name) of a probe or a Service means.</summary>
    public static int ContainerPort(JsonObject container, string reference) =>
        int.TryParse(reference, out var number)
            ? number
            : (container["ports"] as JsonArray ?? [])
                .OfType<JsonObject>()
                .Where(p => Text(p["name"]) == reference)
                .Select(p => int.Parse(Text(p["containerPort"]), System.Globalization.CultureInfo.InvariantCulture))
                .Single();

    public static string Text(JsonNode? node) => node?.GetValue<string>() ?? throw new InvalidOperationException("A value is missing.");

    private static string Describe(JsonObject o) => $"{Text(o["kind"])}/{o["metadata"]?["name"]?.GetValue<string>()}";

    // Every scalar is kept as its text: the tests compare what the manifests say, as written.
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(p =>
            KeyValuePair.Create(((YamlScalarNode)p.Key).Value!, ToJson(p.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "null" or "~" or "" } => null,
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new InvalidOperationException($"Unexpected YAML node {node.NodeType}."),
    };

    [GeneratedRegex(@"\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();
}
