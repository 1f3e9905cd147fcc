using System.Text.Json;

namespace GridSearch.Domain.Definition;

/// <summary>
/// A TPE search's optional <c>startFrom: {"searchId": 12, "top": 5}</c>: the <see cref="Top"/> configurations of
/// an earlier search of the same dataset and model (by its leaderboard) that lie in this search's space are tried
/// first, and TPE learns from that search's finished trials that lie in the space and share its other settings.
/// Whether the search exists is the submission's to check; this reads the field.
/// </summary>
public sealed record StartFrom(long SearchId, int Top)
{
    /// <summary>How many configurations <c>top</c> takes when it is not given.</summary>
    public const int DefaultTop = 5;

    /// <summary>The most configurations <c>top</c> may ask for.</summary>
    public const int MaxTop = 100;

    /// <summary>The definition's startFrom, null when it has none or it is not valid (the problems in <paramref name="errors"/>).</summary>
    public static StartFrom? Read(JsonElement definition, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!definition.TryGetProperty("startFrom", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add("startFrom", "must be an object such as {\"searchId\": 12, \"top\": 5}.");
            return null;
        }

        var before = errors.Count;
        long? searchId = null;
        var top = DefaultTop;
        foreach (var property in element.EnumerateObject())
        {
            var path = $"startFrom.{property.Name}";
            var value = property.Value;
            switch (property.Name)
            {
                case "searchId" when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var id) && id >= 1:
                    searchId = id;
                    break;
                case "searchId":
                    errors.Add(path, $"must be the id of an earlier search (a whole number >= 1), got {value.GetRawText()}.");
                    break;
                case "top" when value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n is >= 1 and <= MaxTop:
                    top = n;
                    break;
                case "top":
                    errors.Add(path, $"must be a whole number from 1 to {MaxTop}, got {value.GetRawText()}.");
                    break;
                default:
                    errors.Add(path, "unknown field; startFrom has searchId and top.");
                    break;
            }
        }

        if (errors.Count == before && searchId is null)
        {
            errors.Add("startFrom.searchId", "is required: the id of the earlier search to start from.");
        }

        return errors.Count == before ? new StartFrom(searchId!.Value, top) : null;
    }
}
