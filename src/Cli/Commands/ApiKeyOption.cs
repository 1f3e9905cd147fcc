using System.CommandLine;

namespace GridSearch.Cli.Commands;

/// <summary>--api-key: the key sent as the bearer token on every request [default: $GRIDSEARCH_API_KEY].</summary>
internal static class ApiKeyOption
{
    public const string Name = "--api-key";
    public const string EnvironmentVariable = "GRIDSEARCH_API_KEY";

    public static Option<string> Create() => new(Name)
    {
        Description = $"The API key to send (gs_…) [default: ${EnvironmentVariable}]; needed once the API has keys",
        HelpName = "key",
        Recursive = true,
    };
}
