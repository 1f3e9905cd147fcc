using GridSearch.Core.Models;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Models;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;
using GridSearch.Training;

namespace GridSearch.Api.Tests.Models;

/// <summary>The ONNX export computes what libtorch computed: a trained network's test accuracy in ONNX
/// Runtime is the one the trainer recorded, to within one image, for every activation and layer kind.</summary>
public sealed class OnnxExportTests
{
    private static readonly TrialTrainer Trainer = TrialTrainer.FromEnvironment(new TrainerOptions { Threads = 1 });

    public static TheoryData<string> Activations => [.. EnumNames.Choices<ActivationFunction>()];

    [Theory]
    [MemberData(nameof(Activations))]
    public void An_mlp_with_batch_norm_scores_in_onnx_runtime_what_it_scored_when_trained(string activation)
    {
        var config = Small(ModelFamily.Mlp) with
        {
            HiddenLayers = [24, 16],
            Shape = LayerShape.Explicit,
            Activations = [Parse(activation)],
            BatchNorm = true,
            Dropout = 0.2,
        };

        AssertSameAccuracy(config);
    }

    [Fact]
    public void A_cnn_with_batch_norm_and_a_dense_layer_scores_in_onnx_runtime_what_it_scored_when_trained() =>
        AssertSameAccuracy(Small(ModelFamily.Cnn) with
        {
            ConvLayers = 2,
            Filters = 4,
            KernelSize = 5,
            DenseUnits = 16,
            BatchNorm = true,
            Dropout = 0.1,
            Activations = [ActivationFunction.Elu],
        });

    [Fact]
    public void A_cnn_with_same_pooling_of_odd_sides_scores_in_onnx_runtime_what_it_scored_when_trained() =>
        AssertSameAccuracy(Small(ModelFamily.Cnn) with
        {
            ConvLayers = 3,
            Filters = 4,
            DenseUnits = 0,
            PoolPadding = PoolPadding.Same,
        });

    [Fact]
    public void A_plain_mlp_survives_the_stored_form_bit_for_bit()
    {
        var outcome = Trainer.Train(Small(ModelFamily.Mlp) with { HiddenLayers = [32], Shape = LayerShape.Explicit, Activations = [ActivationFunction.Relu] });
        var stored = StoredModel.From(outcome.State);

        var decoded = ModelState.Decode(outcome.State.Architecture, stored.Format, stored.Data);

        Assert.Equal(outcome.State.Values, decoded.Values);
        Assert.Equal(["1.weight", "1.bias", "3.weight", "3.bias"], decoded.Tensors.Select(t => t.Name));
    }

    internal static TrialConfig Small(ModelFamily model) => TrialDefaults.For(Dataset.Mnist, model, seed: 7) with
    {
        TrainSize = 400,
        Epochs = 1,
        BatchSize = 32,
        LearningRate = 0.003,
    };

    private static void AssertSameAccuracy(TrialConfig config)
    {
        var outcome = Trainer.Train(config);
        var recorded = (int)Math.Round(outcome.Result.TestAccuracy * TestImages.Count);

        var correct = TestImages.Correct(OnnxExport.Build(outcome.State, "test"));

        Assert.InRange(correct, recorded - 1, recorded + 1);
    }

    private static ActivationFunction Parse(string name) =>
        EnumNames.TryParse(typeof(ActivationFunction), name, out var value) ? (ActivationFunction)value : throw new ArgumentException(name);
}
