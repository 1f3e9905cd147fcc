using GridSearch.Cli.Api;

namespace GridSearch.Cli;

/// <summary>Errors as the user reads them: one line, then each field's message for a validation problem.</summary>
internal static class ErrorReport
{
    public static void Write(TextWriter errors, ApiException exception)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(exception);
        var problem = exception.Problem;
        var status = exception.StatusCode is { } code ? $" ({(int)code})" : "";
        errors.WriteLine(problem?.Title is { Length: > 0 } title ? $"error: {title}{status}" : $"error: {exception.Message}");
        if (!string.IsNullOrEmpty(problem?.Detail))
        {
            errors.WriteLine($"  {problem.Detail}");
        }

        foreach (var (field, messages) in problem?.Errors ?? new Dictionary<string, string[]>())
        {
            foreach (var message in messages)
            {
                errors.WriteLine($"  {field}: {message}");
            }
        }
    }

    public static void Write(TextWriter errors, string message)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.WriteLine($"error: {message}");
    }
}
