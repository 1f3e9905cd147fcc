using GridSearch.Domain.Models;
namespace GridSearch.Core.Models;

/// <summary>A model as stored: <see cref="Data"/> in the encoding <see cref="Format"/> names (see <see cref="ModelState"/>).</summary>
public sealed record StoredModel(string Format, byte[] Data)
{
    public static StoredModel From(ModelState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new StoredModel(ModelState.Format, state.Encode());
    }
}
