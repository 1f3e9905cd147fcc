using System.Diagnostics.CodeAnalysis;

namespace GridSearch.Cli.Api;

/// <summary>Where the API is: --api, else GRIDSEARCH_API, else the port `make demo` serves on.</summary>
internal static class ApiAddress
{
    public const string EnvironmentVariable = "GRIDSEARCH_API";
    public const string Default = "http://127.0.0.1:5080";

    public static bool TryParse(string? text, [NotNullWhen(true)] out Uri? address)
    {
        address = null;
        if (!Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }

        // Relative request paths resolve under the base only when it ends with '/', so a prefix such
        // as http://host/gridsearch keeps its last segment.
        address = parsed.AbsolutePath.EndsWith('/') ? parsed : new Uri(parsed.AbsoluteUri + "/");
        return true;
    }

    /// <summary>The option's address, else the environment's, else the default; false with the reason
    /// when the one that applies is not an http(s) URL.</summary>
    public static bool TryResolve(string? option, string? environment, [NotNullWhen(true)] out Uri? address, [NotNullWhen(false)] out string? error)
    {
        var (text, source) = !string.IsNullOrWhiteSpace(option) ? (option, "--api")
            : !string.IsNullOrWhiteSpace(environment) ? (environment, EnvironmentVariable)
            : (Default, "the default");
        error = TryParse(text, out address) ? null : $"{source} {text} is not an http(s) URL";
        return error is null;
    }

    /// <summary>The address as people write it, without the trailing slash.</summary>
    public static string Display(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AbsoluteUri.TrimEnd('/');
    }
}
