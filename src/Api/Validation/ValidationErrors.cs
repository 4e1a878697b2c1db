using Microsoft.AspNetCore.Http.HttpResults;

namespace Playbound.Api.Validation;

/// <summary>Collects validation errors by field, in the shape of a 400's <c>errors</c> object.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>Whether any error was added.</summary>
    public bool HasErrors => _errors.Count > 0;

    /// <summary>Adds <paramref name="message"/> for <paramref name="field"/>.</summary>
    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>The errors, as the 400 result reports them.</summary>
    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(_errors.ToDictionary(static e => e.Key, static e => e.Value.ToArray()));

    /// <summary>A 400 for a single field.</summary>
    public static ValidationProblem Single(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return errors.ToProblem();
    }
}
