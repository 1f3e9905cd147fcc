using GridSearch.Domain.Architectures;
using GridSearch.Domain.Models;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Core.Models;

/// <summary>
/// Builds an ONNX model (IR version 7, opset 13) of a trained network from its <see cref="ModelState"/>:
/// input <see cref="InputName"/> float [N, channels, height, width] with pixels in [0, 1], output
/// <see cref="OutputName"/> float [N, classes], the softmax of the logits. Each layer of the architecture
/// becomes the operator that computes it in evaluation mode: Gemm (dense), Conv ('same' padding), BatchNormalization
/// (running statistics), the activation, MaxPool 2×2, Flatten; dropout is the identity there and is left out.
/// GELU (an operator only from opset 20) is written as x·½·(1 + erf(x/√2)), which is what libtorch computes.
/// The initializers carry the PyTorch state_dict keys ("0.weight"), so the weights load straight into the
/// nn.Sequential that <c>format=config</c> describes.
/// </summary>
public static class OnnxExport
{
    public const string InputName = "image";
    public const string OutputName = "probabilities";
    public const int OpsetVersion = 13;
    private const int IrVersion = 7;

    // onnx.proto's field numbers and enum values used here.
    private const int FloatType = 1;
    private const int AttributeFloat = 1;
    private const int AttributeInt = 2;
    private const int AttributeInts = 7;

    public static byte[] Build(ModelState state, string graphName)
    {
        ArgumentNullException.ThrowIfNull(state);
        var graph = new Graph(state);
        var architecture = state.Architecture;
        var value = InputName;
        for (var i = 0; i < architecture.Layers.Count; i++)
        {
            value = graph.Layer(i, architecture.Layers[i], value);
        }

        graph.Node("Softmax", [value], OutputName, "softmax", Int("axis", 1));
        var input = architecture.Input;
        var model = new ProtoWriter()
            .Int64(1, IrVersion)
            .String(2, "GridSearch")
            .Message(7, new ProtoWriter()
                .Messages(1, graph.Nodes)
                .String(2, graphName)
                .Messages(5, graph.Initializers)
                .Message(11, ValueInfo(InputName, input.Channels, input.Height, input.Width))
                .Message(12, ValueInfo(OutputName, architecture.Classes)))
            .Message(8, new ProtoWriter().String(1, "").Int64(2, OpsetVersion));
        return model.ToArray();
    }

    /// <summary>A float tensor [N, ...dims] with the batch dimension left symbolic.</summary>
    private static ProtoWriter ValueInfo(string name, params int[] dims)
    {
        var shape = new ProtoWriter().Message(1, new ProtoWriter().String(2, "N"));
        foreach (var dim in dims)
        {
            shape.Message(1, new ProtoWriter().Int64(1, dim));
        }

        var tensorType = new ProtoWriter().Int64(1, FloatType).Message(2, shape);
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
    }

    private static ProtoWriter Int(string name, long value) =>
        new ProtoWriter().String(1, name).Int64(3, value).Int64(20, AttributeInt);

    private static ProtoWriter Float(string name, float value) =>
        new ProtoWriter().String(1, name).Float(2, value).Int64(20, AttributeFloat);

    private static ProtoWriter Ints(string name, params long[] values) =>
        new ProtoWriter().String(1, name).Int64s(8, values).Int64(20, AttributeInts);

    /// <summary>The nodes and initializers being written, and the state they read.</summary>
    private sealed class Graph(ModelState state)
    {
        private readonly Dictionary<string, StateTensor> tensors = state.Tensors.ToDictionary(t => t.Name);
        private readonly HashSet<string> constants = [];

        public List<ProtoWriter> Nodes { get; } = [];

        public List<ProtoWriter> Initializers { get; } = [];

        public void Node(string op, string[] inputs, string output, string name, params ProtoWriter[] attributes) =>
            Nodes.Add(new ProtoWriter().Strings(1, inputs).String(2, output).String(3, name).String(4, op).Messages(5, attributes));

        /// <summary>Adds layer <paramref name="index"/>'s nodes reading <paramref name="input"/>; returns its output's name.</summary>
        public string Layer(int index, LayerSpec layer, string input)
        {
            var output = $"{index}.out";
            var name = $"{index}.{layer.Kind.ToString().ToLowerInvariant()}";
            switch (layer.Kind)
            {
                case LayerKind.Dense:
                    Node("Gemm", [input, Weight(index, "weight"), Weight(index, "bias")], output, name, Int("transB", 1));
                    return output;
                case LayerKind.Conv2d:
                    Node("Conv", [input, Weight(index, "weight"), Weight(index, "bias")], output, name,
                        Ints("kernel_shape", layer.Kernel, layer.Kernel),
                        Ints("pads", layer.Padding, layer.Padding, layer.Padding, layer.Padding),
                        Ints("strides", 1, 1));
                    return output;
                case LayerKind.BatchNorm1d or LayerKind.BatchNorm2d:
                    Node("BatchNormalization",
                        [input, Weight(index, "weight"), Weight(index, "bias"), Weight(index, "running_mean"), Weight(index, "running_var")],
                        output, name, Float("epsilon", (float)ModelState.BatchNormEpsilon));
                    return output;
                case LayerKind.Activation:
                    return Activation(index, layer, input, output, name);
                case LayerKind.MaxPool2:
                    Node("MaxPool", [input], output, name, Ints("kernel_shape", 2, 2), Ints("strides", 2, 2));
                    return output;
                case LayerKind.MaxPool2Same:
                    Node("MaxPool", [input], output, name, Ints("kernel_shape", 2, 2), Ints("strides", 2, 2), Int("ceil_mode", 1));
                    return output;
                case LayerKind.Flatten:
                    Node("Flatten", [input], output, name, Int("axis", 1));
                    return output;
                case LayerKind.Dropout:
                    return input;
                default:
                    throw new NotSupportedException($"Layer {index} ({layer.Kind}) has no ONNX form.");
            }
        }

        private string Activation(int index, LayerSpec layer, string input, string output, string name)
        {
            switch (layer.Activation)
            {
                case ActivationFunction.Relu: Node("Relu", [input], output, name); break;
                case ActivationFunction.Tanh: Node("Tanh", [input], output, name); break;
                case ActivationFunction.Sigmoid: Node("Sigmoid", [input], output, name); break;
                case ActivationFunction.Elu: Node("Elu", [input], output, name, Float("alpha", 1f)); break;
                case ActivationFunction.LeakyRelu: Node("LeakyRelu", [input], output, name, Float("alpha", (float)layer.Value)); break;
                // ONNX's defaults are PyTorch's constants.
                case ActivationFunction.Selu: Node("Selu", [input], output, name); break;
                case ActivationFunction.Gelu:
                    Node("Div", [input, Constant("gelu.sqrt2", MathF.Sqrt(2f))], $"{index}.scaled", $"{name}.div");
                    Node("Erf", [$"{index}.scaled"], $"{index}.erf", $"{name}.erf");
                    Node("Add", [$"{index}.erf", Constant("gelu.one", 1f)], $"{index}.shifted", $"{name}.add");
                    Node("Mul", [input, $"{index}.shifted"], $"{index}.product", $"{name}.mul");
                    Node("Mul", [$"{index}.product", Constant("gelu.half", 0.5f)], output, $"{name}.half");
                    break;
                default: throw new NotSupportedException($"Layer {index}: activation {layer.Activation} has no ONNX form.");
            }

            return output;
        }

        private string Weight(int index, string tensor)
        {
            var stored = tensors[$"{index}.{tensor}"];
            Initializers.Add(Tensor(stored.Name, stored.Shape, state.ValuesOf(stored)));
            return stored.Name;
        }

        private string Constant(string name, float value)
        {
            // One initializer per constant, however many GELU layers read it.
            if (constants.Add(name))
            {
                Initializers.Add(Tensor(name, [], [value]));
            }

            return name;
        }

        private static ProtoWriter Tensor(string name, IReadOnlyList<int> shape, ReadOnlySpan<float> values) =>
            new ProtoWriter().Int64s(1, shape.Select(d => (long)d)).Int64(2, FloatType).String(8, name).RawFloats(9, values);
    }
}
