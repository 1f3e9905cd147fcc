using GridSearch.Domain.Definition;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Domain.Tests.Vocabulary;

public sealed class VocabularyTests
{
    [Fact]
    public void TrialConfigJson_WritesEveryEnumAsItsSnakeCaseName()
    {
        var config = TrialDefaults.For(Dataset.FashionMnist, ModelFamily.Mlp) with
        {
            Activations = [ActivationFunction.LeakyRelu],
            Optimizer = Optimizer.AdamW,
            Initializer = WeightInitializer.HeNormal,
            Monitor = MonitoredMetric.ValAccuracy,
            LrSchedule = LearningRateScheduleKind.Cosine,
            Augment = AugmentationKind.ShiftRotate,
        };

        var json = TrialConfigJson.Serialize(config);

        foreach (var name in new[] { "\"fashion-mnist\"", "\"mlp\"", "[\"leaky_relu\"]", "\"adamw\"", "\"he_normal\"", "\"val_accuracy\"", "\"cosine\"", "\"shift_rotate\"", "\"brick\"" })
        {
            Assert.Contains(name, json, StringComparison.Ordinal);
        }

        Assert.Equal(config, TrialConfigJson.Deserialize(json) with { Activations = config.Activations, HiddenLayers = config.HiddenLayers });
    }

    /// <summary>Axes added after configs were first hashed, each with its other value as JSON.</summary>
    public static TheoryData<string, string> AxesAddedLater => new()
    {
        { "poolPadding", "same" },
        { "batchNormPosition", "after_activation" },
        { "testedWeights", "last_epoch" },
    };

    [Theory]
    [MemberData(nameof(AxesAddedLater))]
    public void TrialConfigJson_LeavesAnAxisAddedLaterOutAtItsDefault_SoConfigsFromBeforeItKeepTheirHashes(string axis, string other)
    {
        var cnn = TrialDefaults.For(Dataset.Mnist, ModelFamily.Cnn) with { BatchNorm = true };
        var atDefault = TrialConfigJson.Serialize(cnn);

        var changed = TrialConfigJson.Serialize(TrialConfigJson.Deserialize(atDefault.Insert(1, $"\"{axis}\":\"{other}\",")));

        Assert.DoesNotContain($"\"{axis}\"", atDefault, StringComparison.Ordinal);
        Assert.Contains($"\"{axis}\":\"{other}\"", changed, StringComparison.Ordinal);
        Assert.Equal(atDefault, TrialConfigJson.Serialize(TrialConfigJson.Deserialize(atDefault)));
    }

    [Fact]
    public void TrialConfigJson_WithUnknownName_IsRefusedNamingThePath()
    {
        var json = TrialConfigJson.Serialize(TrialDefaults.For(Dataset.Mnist, ModelFamily.Mlp)).Replace("\"adam\"", "\"lion\"", StringComparison.Ordinal);

        var error = Assert.Throws<System.Text.Json.JsonException>(() => TrialConfigJson.Deserialize(json));

        Assert.Contains("$.optimizer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Choices_LeaveOutMembersNoSearchMayName()
    {
        Assert.Equal(["relu", "tanh", "sigmoid", "elu", "leaky_relu", "gelu", "selu"], AxisCatalog.Activation.Choices);
        Assert.Equal(["brick", "funnel", "diamond", "triangle"], AxisCatalog.Shape.Choices);
        Assert.Equal(["mnist", "fashion-mnist"], EnumNames.Choices<Dataset>());
        Assert.False(EnumNames.TryParse<LayerShape>("explicit", out _));
    }

    [Fact]
    public void EveryChoiceAxis_HasAnEnumAndADefaultOfIt()
    {
        foreach (var axis in AxisCatalog.All.Where(a => a.Kind is AxisKind.Choice or AxisKind.Activation))
        {
            Assert.NotNull(axis.EnumType);
            Assert.IsType(axis.EnumType!, axis.Default);
            Assert.Contains(EnumNames.Of((Enum)axis.Default!), axis.Choices!);
        }
    }

    [Fact]
    public void Order_IsThePositionInTheCatalog()
    {
        Assert.Equal(Enumerable.Range(0, AxisCatalog.All.Count), AxisCatalog.All.Select(a => a.Order));
    }

    [Theory]
    [InlineData("\"relu\"", "relu")]
    [InlineData("[512,256]", "512-256")]
    [InlineData("[\"relu\",\"tanh\"]", "relu-tanh")]
    [InlineData("0.001", "0.001")]
    [InlineData("true", "true")]
    public void Print_WritesNamesPlainAndJoinsLists(string json, string printed)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);

        Assert.Equal(printed, Axis.Print(document.RootElement));
    }

    [Fact]
    public void StoredJson_PutsJsonbsKeysBackInReadingOrder()
    {
        var config = TrialDefaults.For(Dataset.Mnist, ModelFamily.Mlp);
        var sortedByLength = System.Text.Json.Nodes.JsonNode.Parse(TrialConfigJson.Serialize(config))!.AsObject()
            .OrderBy(p => p.Key.Length).ToDictionary(p => p.Key, p => p.Value?.DeepClone());

        Assert.Equal(TrialConfigJson.Serialize(config), StoredJson.Config(System.Text.Json.JsonSerializer.Serialize(sortedByLength)).GetRawText());
        Assert.Equal("""{"depth":2,"width":64,"optimizer":"sgd"}""", StoredJson.GridPoint("""{"optimizer": "sgd", "width": 64, "depth": 2}""").GetRawText());
    }
}
