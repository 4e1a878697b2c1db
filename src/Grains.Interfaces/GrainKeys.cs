namespace Playbound.Grains;

/// <summary>What a grain key (a user, post or session id) may look like, checked wherever a key arrives from outside.</summary>
public static class GrainKeys
{
    /// <summary>The longest key; anything longer cannot name a user or post.</summary>
    public const int MaxLength = 100;

    /// <summary>
    /// Whether <paramref name="id"/> could be a user, post or session id: 1 to <see cref="MaxLength"/> characters of
    /// ASCII letters, digits and <c>_ - . :</c>. Anything else cannot exist and is never passed on as a grain key.
    /// </summary>
    public static bool IsWellFormed(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.' or ':'))
            {
                return false;
            }
        }

        return true;
    }
}
