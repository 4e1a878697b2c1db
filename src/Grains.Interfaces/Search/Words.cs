using System.Text;

namespace Playbound.Grains;

/// <summary>
/// The words of a text as search sees them: maximal runs of letters, digits and underscores, lower-cased. Post search
/// matches whole words, so <c>#rust</c> and <c>rust</c> are the same word; anything else (quotes, <c>*</c>,
/// parentheses, SQL) only separates words, which is why a query can never be read as query syntax.
/// </summary>
public static class Words
{
    /// <summary>The most words of a search query that count; more are ignored.</summary>
    public const int MaxQueryWords = 16;

    /// <summary>The distinct words of <paramref name="text"/>, lower-cased, in order of first appearance.</summary>
    public static IReadOnlyList<string> Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        var index = 0;
        while (index < text.Length)
        {
            var (word, length, _) = ReadAt(text, index);
            if (length == 0)
            {
                index += RuneAt(text, index).Utf16SequenceLength;
                continue;
            }

            if (!words.Contains(word))
            {
                words.Add(word);
            }

            index += length;
        }

        return words;
    }

    /// <summary>Whether <paramref name="rune"/> belongs to a word: a letter, a digit or an underscore.</summary>
    public static bool IsWordRune(Rune rune) => Rune.IsLetterOrDigit(rune) || rune.Value == '_';

    /// <summary>The code point at <paramref name="index"/>; a lone surrogate reads as U+FFFD (one unit long), never a word.</summary>
    internal static Rune RuneAt(string text, int index) =>
        Rune.TryGetRuneAt(text, index, out var rune) ? rune : Rune.ReplacementChar;

    /// <summary>The word starting at <paramref name="index"/> (lower-cased), its length in UTF-16 units and in code points.</summary>
    internal static (string Word, int Length, int Runes) ReadAt(string text, int index)
    {
        var end = index;
        var runes = 0;
        while (end < text.Length && Rune.TryGetRuneAt(text, end, out var rune) && IsWordRune(rune))
        {
            end += rune.Utf16SequenceLength;
            runes++;
        }

        return (text[index..end].ToLowerInvariant(), end - index, runes);
    }
}
