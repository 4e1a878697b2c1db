using System.Text;

namespace Playbound.Grains;

/// <summary>
/// What a hashtag is (api.md, "Hashtags and search"): <c>#</c> followed by 1-50 letters, digits or underscores, not
/// preceded by one of them (so <c>a#b</c> is no tag), matched case-insensitively. Posts are parsed once, when written.
/// </summary>
public static class Hashtags
{
    /// <summary>The most characters (code points) a tag has.</summary>
    public const int MaxLength = 50;

    /// <summary>The tags of <paramref name="text"/>, lower-cased, each once, in order of first appearance.</summary>
    public static IReadOnlyList<string> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<string>? tags = null;
        var previousIsWord = false;
        var index = 0;
        while (index < text.Length)
        {
            var rune = Words.RuneAt(text, index);
            if (rune.Value == '#' && !previousIsWord)
            {
                var (word, length, runes) = Words.ReadAt(text, index + 1);
                if (runes is > 0 and <= MaxLength)
                {
                    tags ??= [];
                    if (!tags.Contains(word))
                    {
                        tags.Add(word);
                    }
                }

                index += 1 + length;
                previousIsWord = runes > 0;
                continue;
            }

            previousIsWord = Words.IsWordRune(rune);
            index += rune.Utf16SequenceLength;
        }

        return tags ?? (IReadOnlyList<string>)[];
    }

    /// <summary>Whether <paramref name="tag"/> (without the <c>#</c>) is a tag: 1-50 letters, digits or underscores.</summary>
    public static bool IsTag(string? tag)
    {
        if (string.IsNullOrEmpty(tag))
        {
            return false;
        }

        var (_, length, runes) = Words.ReadAt(tag, 0);
        return length == tag.Length && runes <= MaxLength;
    }

    /// <summary>The form a tag is stored and matched in.</summary>
    public static string Normalize(string tag) => tag.ToLowerInvariant();
}
