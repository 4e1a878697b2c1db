namespace Playbound.Grains.Stores.Sql;

/// <summary>
/// Rejects text that a database cannot store before it is queued: PostgreSQL refuses NUL characters and the UTF-8
/// encoder refuses unpaired surrogates, and either failure inside a group commit would fail every operation of the
/// batch, not just the one that carried the text.
/// </summary>
public static class StorageText
{
    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="value"/> cannot be stored.</summary>
    public static void Validate(string? value, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(value, parameterName);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var valid = c != '\0'
                && (!char.IsSurrogate(c) || (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[++i])));
            if (!valid)
            {
                throw new ArgumentException(
                    $"{parameterName} contains a NUL character or an unpaired surrogate, which storage cannot keep.", parameterName);
            }
        }
    }
}
