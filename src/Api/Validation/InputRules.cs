using System.Buffers;
using System.Text;
using Playbound.Grains;

namespace Playbound.Api.Validation;

/// <summary>
/// The input rules of api.md, applied at the edge so grains only ever see valid text. Lengths count Unicode code
/// points (<see cref="Rune"/>) after trimming; text that is not valid UTF-16 (a lone surrogate) or holds control
/// characters is refused, because it cannot be stored or displayed faithfully.
/// </summary>
public static class InputRules
{
    /// <summary>The shortest handle.</summary>
    public const int HandleMinLength = 3;

    /// <summary>The longest handle.</summary>
    public const int HandleMaxLength = 30;

    /// <summary>The longest display name.</summary>
    public const int DisplayNameMaxLength = 50;

    /// <summary>The longest bio.</summary>
    public const int BioMaxLength = 160;

    /// <summary>The longest post or comment.</summary>
    public const int TextMaxLength = 500;

    /// <summary>The shortest password.</summary>
    public const int PasswordMinLength = 8;

    /// <summary>The longest password.</summary>
    public const int PasswordMaxLength = 128;

    /// <summary>The longest post search query.</summary>
    public const int PostQueryMaxLength = 100;

    /// <summary>The longest user search query.</summary>
    public const int UserQueryMaxLength = 50;

    /// <summary>The longest id accepted in a path or body; anything longer cannot name a user or post.</summary>
    public const int IdMaxLength = GrainKeys.MaxLength;

    /// <summary>
    /// The handle as stored: ASCII letters, digits and underscores, lower-cased; null when <paramref name="input"/>
    /// breaks the rule. Non-ASCII letters are refused before lower-casing, so that no look-alike (such as the Kelvin
    /// sign, which lower-cases to "k") can claim an ASCII handle.
    /// </summary>
    public static string? NormalizeHandle(string? input)
    {
        if (input is null || input.Length is < HandleMinLength or > HandleMaxLength)
        {
            return null;
        }

        foreach (var c in input)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return null;
            }
        }

        return input.ToLowerInvariant();
    }

    /// <inheritdoc cref="GrainKeys.IsWellFormed"/>
    public static bool IsWellFormedId(string? id) => GrainKeys.IsWellFormed(id);

    /// <summary>
    /// Checks a text field and returns it trimmed, or null after adding the reason to <paramref name="errors"/>.
    /// </summary>
    /// <param name="value">The raw value; null means the field was missing.</param>
    /// <param name="field">The field name used as the error key.</param>
    /// <param name="min">The fewest code points after trimming.</param>
    /// <param name="max">The most code points after trimming.</param>
    /// <param name="multiline">Whether line breaks and tabs are allowed.</param>
    /// <param name="errors">Where problems are reported.</param>
    public static string? Text(string? value, string field, int min, int max, bool multiline, ValidationErrors errors)
    {
        if (value is null)
        {
            errors.Add(field, "The field is required.");
            return null;
        }

        var trimmed = value.Trim();
        var length = CountCodePoints(trimmed, multiline);
        if (length < 0)
        {
            errors.Add(field, multiline
                ? "The text contains invalid Unicode or control characters."
                : "The text contains invalid Unicode, control characters or line breaks.");
            return null;
        }

        if (length < min || length > max)
        {
            errors.Add(field, min == max ? $"Must be {min} characters." : $"Must be {min} to {max} characters.");
            return null;
        }

        return trimmed;
    }

    /// <summary>Checks a password: <see cref="PasswordMinLength"/> to <see cref="PasswordMaxLength"/> code points, valid Unicode, never trimmed.</summary>
    public static string? Password(string? value, ValidationErrors errors, string field = "password")
    {
        if (value is null)
        {
            errors.Add(field, "The field is required.");
            return null;
        }

        var length = CountCodePoints(value, multiline: true);
        if (length is < PasswordMinLength or > PasswordMaxLength)
        {
            errors.Add(field, length < 0
                ? "The password contains invalid Unicode or control characters."
                : $"Must be {PasswordMinLength} to {PasswordMaxLength} characters.");
            return null;
        }

        return value;
    }

    /// <summary>The number of code points, or -1 when the text has a lone surrogate or a forbidden control character.</summary>
    private static int CountCodePoints(string text, bool multiline)
    {
        var span = text.AsSpan();
        var count = 0;
        while (!span.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(span, out var rune, out var consumed) != OperationStatus.Done)
            {
                return -1;
            }

            if (Rune.IsControl(rune) && !(multiline && rune.Value is '\n' or '\r' or '\t'))
            {
                return -1;
            }

            count++;
            span = span[consumed..];
        }

        return count;
    }
}
