using System.Security.Cryptography;
using System.Text;

namespace GridSearch.Core.Access;

/// <summary>Secrets are 32 random bytes, base64url, behind a "gs_" prefix that makes a leaked one easy to
/// grep for. Only their SHA-256 is stored: the secrets have full entropy, so a slow hash adds nothing.</summary>
public static class ApiKeySecret
{
    public const string Prefix = "gs_";

    /// <summary>The shortest secret accepted from outside (GRIDSEARCH_ADMIN_KEY), so a guessable one is refused.</summary>
    public const int MinLength = 24;

    public const int MaxLength = 256;

    public static string New() => Prefix + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return SHA256.HashData(Encoding.UTF8.GetBytes(secret));
    }
}
