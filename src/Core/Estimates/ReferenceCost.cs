using GridSearch.Core.Trials;
using GridSearch.Domain.Architectures;
using GridSearch.Domain.Trials;

namespace GridSearch.Core.Estimates;

/// <summary>
/// What a trial costs on the reference: one thread of one idle core of the 2-core development machine.
/// A forward pass of one image costs its multiply-adds, its feature-map elements (activations, batch norm,
/// pooling: memory work that dominates small CNNs) and a little per image; training an image costs
/// <see cref="TrainPasses"/> forward passes, and each batch an optimizer step over every parameter; an epoch
/// trains its training images and evaluates its validation images; a trial ends with a pass over the test
/// images and a fixed cost (set-up, recording the result). Measured rates (<see cref="EpochRate"/>) scale this
/// to the machines and the load there are; bench/EstimateBench --calibrate prints how well it fits.
/// </summary>
public static class ReferenceCost
{
    // Fitted to the processor time of 15 networks (MLPs 784-50-10 to 784-500-500-500-10 at batch 32 to 512,
    // CNNs of 1 to 4 blocks of 8 to 32 filters, with and without batch norm), one thread, on the development
    // machine: bench/EstimateBench --calibrate.
    public const double MultiplyAddSeconds = 0.025e-9;
    public const double ElementSeconds = 1.0e-9;
    public const double ImageSeconds = 1.5e-6;
    public const double TrainPasses = 2.5;
    public const double StepSecondsPerParameter = 3.2e-9;
    public const double TrialSeconds = 0.3;

    /// <summary>The reference cost of training <paramref name="config"/>; null when it builds no network.</summary>
    public static TrialCost? Of(TrialConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (ArchitectureBuilder.ForDataset(config) is not { } architecture)
        {
            return null;
        }

        var (train, validation) = Samples(config);
        return new TrialCost(ForwardSeconds(architecture), train, validation, Math.Max(1, config.BatchSize), architecture.ParameterCount, config.Epochs);
    }

    /// <summary>One image's forward pass through <paramref name="architecture"/>, in reference seconds.</summary>
    public static double ForwardSeconds(Architecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        var (multiplyAdds, elements) = Count(architecture);
        return (multiplyAdds * MultiplyAddSeconds) + (elements * ElementSeconds) + ImageSeconds;
    }

    /// <summary>Multiply-adds and feature-map elements of one image's forward pass: every layer's output
    /// counts its elements (flattening moves none).</summary>
    public static (double MultiplyAdds, double Elements) Count(Architecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        var (channels, height, width) = (architecture.Input.Channels, architecture.Input.Height, architecture.Input.Width);
        var features = (long)channels * height * width;
        double multiplyAdds = 0, elements = 0;
        foreach (var layer in architecture.Layers)
        {
            switch (layer.Kind)
            {
                case LayerKind.Dense:
                    multiplyAdds += (double)layer.Inputs * layer.Outputs;
                    features = layer.Outputs;
                    break;
                case LayerKind.Conv2d:
                    (channels, height, width) = (layer.Outputs, height + (2 * layer.Padding) - layer.Kernel + 1, width + (2 * layer.Padding) - layer.Kernel + 1);
                    features = (long)channels * height * width;
                    multiplyAdds += (double)features * layer.Inputs * layer.Kernel * layer.Kernel;
                    break;
                case LayerKind.MaxPool2:
                    (height, width) = (height / 2, width / 2);
                    features = (long)channels * height * width;
                    break;
                case LayerKind.MaxPool2Same:
                    (height, width) = ((height + 1) / 2, (width + 1) / 2);
                    features = (long)channels * height * width;
                    break;
                case LayerKind.Flatten:
                    continue;
            }

            elements += features;
        }

        return (multiplyAdds, elements);
    }

    /// <summary>The images an epoch trains on and validates on, as the trainer splits them: the validation
    /// share of all training images (or a fold of the pool), and trainSize of the rest (0: all of it).</summary>
    public static (long Train, long Validation) Samples(TrialConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Folds is { } folds and > 0)
        {
            var pool = config.TrainSize > 0 ? Math.Min(config.TrainSize, DatasetImages.TrainingImages) : DatasetImages.TrainingImages;
            return (pool - (pool / folds), pool / folds);
        }

        var validation = (long)Math.Round(DatasetImages.TrainingImages * config.ValSplit, MidpointRounding.AwayFromZero);
        var rest = DatasetImages.TrainingImages - validation;
        return (config.TrainSize > 0 ? Math.Min(config.TrainSize, rest) : rest, validation);
    }
}
