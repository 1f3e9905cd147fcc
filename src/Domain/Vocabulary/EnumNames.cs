using System.Reflection;
using System.Text.Json;

namespace GridSearch.Domain.Vocabulary;

/// <summary>The names of an enum's members as the API spells them, taken from <see cref="VocabularyJson"/>
/// itself so that parsing and printing can never disagree with the JSON.</summary>
public static class EnumNames
{
    private static readonly Dictionary<Type, (Enum Value, string Name, bool Choice)[]> Cache = [];

    /// <summary>The member's name: "leaky_relu", "fashion-mnist".</summary>
    public static string Of(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Members(value.GetType()).First(m => m.Value.Equals(value)).Name;
    }

    /// <summary>The names a search definition may use, in declaration order.</summary>
    public static IReadOnlyList<string> Choices(Type enumType) =>
        [.. Members(enumType).Where(m => m.Choice).Select(m => m.Name)];

    public static IReadOnlyList<string> Choices<T>() where T : struct, Enum => Choices(typeof(T));

    /// <summary>The member a name stands for; only choosable members unless <paramref name="anyMember"/>.</summary>
    public static bool TryParse(Type enumType, string name, out Enum value, bool anyMember = false)
    {
        foreach (var member in Members(enumType))
        {
            if (member.Name == name && (member.Choice || anyMember))
            {
                value = member.Value;
                return true;
            }
        }

        value = null!;
        return false;
    }

    public static bool TryParse<T>(string name, out T value) where T : struct, Enum
    {
        var found = TryParse(typeof(T), name, out var member);
        value = found ? (T)member : default;
        return found;
    }

    /// <summary>The member a name stands for, any member; a name of none is an error (stored data, not input).</summary>
    public static T Parse<T>(string name) where T : struct, Enum =>
        TryParse(typeof(T), name, out var member, anyMember: true)
            ? (T)member
            : throw new ArgumentException($"'{name}' names no {typeof(T).Name}.", nameof(name));

    private static (Enum Value, string Name, bool Choice)[] Members(Type enumType)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(enumType, out var members))
            {
                members = [.. enumType.GetFields(BindingFlags.Public | BindingFlags.Static).Select(field =>
                {
                    var value = (Enum)field.GetValue(null)!;
                    var name = JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(value, enumType, VocabularyJson.Options))!;
                    return (value, name, field.GetCustomAttribute<NotAChoiceAttribute>() is null);
                })];
                Cache[enumType] = members;
            }

            return members;
        }
    }
}
