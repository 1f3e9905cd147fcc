using GridSearch.Core.Trials;
using GridSearch.Domain.Architectures;
using GridSearch.Domain.Models;
using GridSearch.Domain.Trials;

namespace GridSearch.Core.Models;

/// <summary>A trial's kept model with the config it was trained from.</summary>
public sealed record KeptModel(Trial Trial, StoredModel Stored, bool Pinned)
{
    /// <summary>MNIST and Fashion-MNIST alike: 28×28 grey images, ten classes.</summary>
    public const int Classes = 10;

    public TrialConfig Config => TrialConfigJson.Deserialize(Trial.Config);

    public Architecture Architecture => ArchitectureBuilder.Build(Config, ImageShape.Mnist, Classes);

    public ModelState State => ModelState.Decode(Architecture, Stored.Format, Stored.Data);
}
