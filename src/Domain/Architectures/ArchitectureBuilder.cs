using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Domain.Architectures;

/// <summary>
/// Turns a trial's config into its network.
/// MLP: flatten, then per hidden layer dense → [batch norm] → activation → [dropout], then dense to the classes.
/// CNN: per block k×k 'same' convolution (the first with <see cref="TrialConfig.Filters"/>, doubling per
/// block) → [batch norm] → activation → 2×2 max pool (odd sides rounded as <see cref="TrialConfig.PoolPadding"/>
/// says) → [dropout]; flatten; an optional dense layer of <see cref="TrialConfig.DenseUnits"/> like an MLP's
/// hidden layer; dense to the classes.
/// Batch norm comes after the activation instead when <see cref="TrialConfig.BatchNormPosition"/> says so.
/// Activations: one name for every layer, or one per hidden layer (MLP) / per block then the dense layer (CNN).
/// </summary>
public static class ArchitectureBuilder
{
    public static Architecture Build(TrialConfig config, ImageShape input, int classes)
    {
        var problems = new List<string>();
        var architecture = TryBuild(config, input, classes, problems);
        if (problems.Count > 0)
        {
            throw new InvalidTrialConfigException(problems);
        }

        return architecture!;
    }

    /// <summary>The network <paramref name="config"/> trains on its dataset's images, derived without loading
    /// them (<see cref="DatasetImages"/>); null when the config cannot be built.</summary>
    public static Architecture? ForDataset(TrialConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var (input, classes) = DatasetImages.Of(config.Dataset);
        return TryBuild(config, input, classes, []);
    }

    /// <summary>The architecture, or null with the reasons added to <paramref name="problems"/>.</summary>
    public static Architecture? TryBuild(TrialConfig config, ImageShape input, int classes, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(problems);
        var before = problems.Count;
        if (input.Channels < 1 || input.Height < 1 || input.Width < 1 || classes < 2)
        {
            problems.Add($"the data's images ({input}) and classes ({classes}) cannot be trained on");
            return null;
        }

        if (!(config.Dropout >= 0 && config.Dropout < 1))
        {
            problems.Add($"dropout must lie in [0, 1), got {config.Dropout}");
        }

        IReadOnlyList<LayerSpec>? layers = config.Model switch
        {
            ModelFamily.Mlp => Mlp(config, input, classes, problems),
            ModelFamily.Cnn => Cnn(config, input, classes, problems),
            _ => Unknown(config.Model, problems),
        };
        return problems.Count == before && layers is not null ? new Architecture(input, classes, layers) : null;
    }

    private static List<LayerSpec>? Unknown(ModelFamily model, List<string> problems)
    {
        problems.Add(InvalidTrialConfigException.NotOneOf("model", model));
        return null;
    }

    private static List<LayerSpec>? Mlp(TrialConfig config, ImageShape input, int classes, List<string> problems)
    {
        var hidden = config.HiddenLayers ?? [];
        foreach (var width in hidden.Where(width => width < 1))
        {
            problems.Add($"hidden layer widths must be positive, got {width}");
        }

        var activations = Activations(config.Activations, hidden.Count, "hidden layer", problems);
        if (activations is null || hidden.Any(width => width < 1))
        {
            return null;
        }

        var layers = new List<LayerSpec> { LayerSpec.Flatten() };
        var features = input.Pixels;
        for (var i = 0; i < hidden.Count; i++)
        {
            AddHiddenDense(layers, features, hidden[i], activations[i], config);
            features = hidden[i];
        }

        layers.Add(LayerSpec.Dense(features, classes));
        return layers;
    }

    private static List<LayerSpec>? Cnn(TrialConfig config, ImageShape input, int classes, List<string> problems)
    {
        var valid = true;
        // Each block halves the image (2×2 pooling, rounding down): past that nothing is left.
        var maxBlocks = (int)Math.Log2(Math.Min(input.Height, input.Width));
        var blocksValid = config.ConvLayers >= 1 && config.ConvLayers <= maxBlocks;
        if (!blocksValid)
        {
            problems.Add($"convLayers must lie in [1, {maxBlocks}] for {input.Height}×{input.Width} images, got {config.ConvLayers}");
            valid = false;
        }

        if (config.Filters < 1 || (blocksValid && ((long)config.Filters << (config.ConvLayers - 1)) > int.MaxValue))
        {
            problems.Add($"filters must be positive and stay below 2^31 when doubled per block, got {config.Filters}");
            valid = false;
        }

        if (config.KernelSize < 1 || config.KernelSize % 2 == 0)
        {
            problems.Add($"kernelSize must be odd and positive for 'same' padding, got {config.KernelSize}");
            valid = false;
        }

        if (config.DenseUnits < 0)
        {
            problems.Add($"denseUnits must not be negative, got {config.DenseUnits}");
            valid = false;
        }

        var hiddenCount = Math.Max(0, config.ConvLayers) + (config.DenseUnits > 0 ? 1 : 0);
        var activations = Activations(config.Activations, hiddenCount, "conv block and dense layer", problems);
        if (!valid || activations is null)
        {
            return null;
        }

        var layers = new List<LayerSpec>();
        var (channels, height, width) = (input.Channels, input.Height, input.Width);
        // Same pooling rounds an odd side up (7 → 4), valid rounds it down (7 → 3).
        var roundUp = config.PoolPadding == PoolPadding.Same;
        var pool = roundUp ? LayerSpec.MaxPool2Same() : LayerSpec.MaxPool2();
        var roundUpBy = roundUp ? 1 : 0;
        for (var block = 0; block < config.ConvLayers; block++)
        {
            var filters = config.Filters << block;
            layers.Add(LayerSpec.Conv2d(channels, filters, config.KernelSize, config.KernelSize / 2));
            AddNormalizedActivation(layers, LayerSpec.BatchNorm2d(filters), activations[block], config);
            layers.Add(pool);
            if (config.Dropout > 0)
            {
                layers.Add(LayerSpec.Dropout(config.Dropout));
            }

            (channels, height, width) = (filters, (height + roundUpBy) / 2, (width + roundUpBy) / 2);
        }

        layers.Add(LayerSpec.Flatten());
        var features = channels * height * width;
        if (config.DenseUnits > 0)
        {
            AddHiddenDense(layers, features, config.DenseUnits, activations[config.ConvLayers], config);
            features = config.DenseUnits;
        }

        layers.Add(LayerSpec.Dense(features, classes));
        return layers;
    }

    private static void AddHiddenDense(List<LayerSpec> layers, int inputs, int outputs, ActivationFunction activation, TrialConfig config)
    {
        layers.Add(LayerSpec.Dense(inputs, outputs));
        AddNormalizedActivation(layers, LayerSpec.BatchNorm1d(outputs), activation, config);
        if (config.Dropout > 0)
        {
            layers.Add(LayerSpec.Dropout(config.Dropout));
        }
    }

    /// <summary>The activation, with the batch norm (when the config has one) before or after it.</summary>
    private static void AddNormalizedActivation(List<LayerSpec> layers, LayerSpec batchNorm, ActivationFunction activation, TrialConfig config)
    {
        var after = config.BatchNormPosition == BatchNormPosition.AfterActivation;
        if (config.BatchNorm && !after)
        {
            layers.Add(batchNorm);
        }

        layers.Add(LayerSpec.Activate(activation));
        if (config.BatchNorm && after)
        {
            layers.Add(batchNorm);
        }
    }

    /// <summary>One activation per hidden layer: the config's list, or its single name repeated.</summary>
    private static ActivationFunction[]? Activations(IReadOnlyList<ActivationFunction>? names, int count, string per, List<string> problems)
    {
        names ??= [];
        var valid = true;
        foreach (var name in names.Where(name => name == ActivationFunction.None || !Enum.IsDefined(name)))
        {
            problems.Add(InvalidTrialConfigException.NotOneOf("activation", name));
            valid = false;
        }

        if (count > 0 && names.Count != 1 && names.Count != count)
        {
            problems.Add($"activations must name one activation or one per {per} ({count}), got {names.Count}");
            valid = false;
        }

        if (!valid)
        {
            return null;
        }

        return [.. Enumerable.Range(0, count).Select(i => names.Count == 1 ? names[0] : names[i])];
    }
}
