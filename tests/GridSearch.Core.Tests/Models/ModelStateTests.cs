using System.IO.Compression;
using GridSearch.Core.Models;
using GridSearch.Domain.Architectures;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Models;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Core.Tests.Models;

/// <summary>A model's stored form reads back to the same values, in the format written now and in the one written before.</summary>
public sealed class ModelStateTests
{
    [Fact]
    public void Encode_ThenDecode_GivesBackEveryValue()
    {
        var state = State();

        var stored = StoredModel.From(state);
        var decoded = ModelState.Decode(state.Architecture, stored.Format, stored.Data);

        Assert.Equal(ModelState.Format, stored.Format);
        Assert.Equal(state.Values.Length * sizeof(float), stored.Data.Length);
        Assert.Equal(state.Values, decoded.Values);
    }

    [Fact]
    public void Decode_OfAModelStoredBrotliCompressed_GivesBackEveryValue()
    {
        var state = State();
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.Fastest))
        {
            brotli.Write(state.Encode());
        }

        var decoded = ModelState.Decode(state.Architecture, ModelState.BrotliFormat, output.ToArray());

        Assert.Equal(state.Values, decoded.Values);
    }

    [Fact]
    public void Decode_OfAnUnknownFormat_SaysWhichFormatsItReads()
    {
        var state = State();

        var error = Assert.Throws<NotSupportedException>(() => ModelState.Decode(state.Architecture, "float16", state.Encode()));

        Assert.Contains(ModelState.Format, error.Message, StringComparison.Ordinal);
        Assert.Contains(ModelState.BrotliFormat, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_OfATruncatedModel_IsRefused()
    {
        var state = State();

        Assert.Throws<InvalidDataException>(() => ModelState.Decode(state.Architecture, ModelState.Format, state.Encode()[..^1]));
    }

    private static ModelState State()
    {
        var architecture = ArchitectureBuilder.Build(TrialDefaults.For(Dataset.Mnist, ModelFamily.Mlp) with { HiddenLayers = [3], Activations = [ActivationFunction.Relu] }, ImageShape.Mnist, 10);
        var count = ModelState.Layout(architecture).Sum(t => t.Count);
        return ModelState.Create(architecture, [.. Enumerable.Range(0, count).Select(i => (float)Math.Sin(i))]);
    }
}
