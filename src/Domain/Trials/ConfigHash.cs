using System.Security.Cryptography;
using System.Text;

namespace GridSearch.Domain.Trials;

/// <summary>A stable fingerprint of a resolved config: equal configs hash equal in any process.</summary>
public static class ConfigHash
{
    public static string Compute(string configJson)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(configJson));
        return Convert.ToHexStringLower(digest.AsSpan(0, 16));
    }
}
