using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Playbound.Hosting.Errors;

/// <summary>
/// Builds the ProblemDetails for a request that failed model binding, with a 400's <c>errors</c> object keyed by the
/// field at fault, so clients get the same shape as for the Api's own validation.
/// </summary>
public static partial class BadRequestProblems
{
    /// <summary>The <c>errors</c> key used when the whole request body is at fault.</summary>
    public const string BodyField = "body";

    /// <summary>The ProblemDetails for <paramref name="exception"/>: its status, and for a 400 an <c>errors</c> object.</summary>
    public static ProblemDetails From(BadHttpRequestException exception)
    {
        var status = exception.StatusCode is >= 400 and < 500 ? exception.StatusCode : StatusCodes.Status400BadRequest;
        if (status != StatusCodes.Status400BadRequest)
        {
            return new ProblemDetails { Status = status, Title = ReasonPhrases.GetReasonPhrase(status) };
        }

        var (field, message) = Describe(exception);
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = status,
            Title = "One or more validation errors occurred.",
        };
    }

    private static (string Field, string Message) Describe(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            // The JSON path ("$.handle", "$.items[0]") names the field; "$" or none means the body as a whole.
            var field = json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : BodyField;
            return field == BodyField
                ? (field, "The request body is not valid JSON.")
                : (field, "The value has the wrong JSON type or is malformed.");
        }

        // The framework's messages name the parameter as: parameter "Type name". A body parameter is reported as "body"
        // because clients never see the handler's parameter name.
        var message = exception.Message;
        if (message.Contains("body", StringComparison.OrdinalIgnoreCase))
        {
            return (BodyField, "A JSON request body is required.");
        }

        var match = ParameterName().Match(message);
        return match.Success
            ? (match.Groups["name"].Value, $"The value of '{match.Groups["name"].Value}' is not valid.")
            : ("request", "The request is malformed.");
    }

    [GeneratedRegex(@"parameter ""(?:[^""\s]+\s)?(?<name>[^""\s]+)""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex ParameterName();
}
