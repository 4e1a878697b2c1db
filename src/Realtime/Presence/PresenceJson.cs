using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Playbound.Realtime.Presence;

/// <summary>The JSON of <see cref="PresenceMessage"/>, shared by the nodes that write it and the silos that read it.</summary>
internal static class PresenceJson
{
    /// <summary>camelCase, as the rest of Playbound's JSON.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    // A TTL beyond this is a corrupt message, and would overflow the expiry arithmetic.
    private static readonly long LongestTtlMs = (long)TimeSpan.FromDays(7).TotalMilliseconds;

    /// <summary>The UTF-8 JSON published for <paramref name="message"/>.</summary>
    public static byte[] Serialize(PresenceMessage message) => JsonSerializer.SerializeToUtf8Bytes(message, Options);

    /// <summary>
    /// Reads a message off the wire. Anything another version or a stray publisher could send (bad JSON, missing
    /// fields, an unknown kind, a TTL no node would announce) is refused with a reason to log instead of thrown.
    /// </summary>
    public static bool TryParse(
        ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out PresenceMessage? message, [NotNullWhen(false)] out string? problem)
    {
        message = null;
        PresenceMessage? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<PresenceMessage>(utf8, Options);
        }
        catch (JsonException exception)
        {
            problem = exception.Message;
            return false;
        }

        problem = parsed switch
        {
            null => "null message",
            { Node: null or "" } => "no node",
            { Kind: null } => "no kind",
            { Users: null } => "no users",
            _ when parsed.Users.Any(string.IsNullOrEmpty) => "an empty user id",
            { Kind: PresenceKinds.Snapshot or PresenceKinds.Online or PresenceKinds.Offline, TtlMs: <= 0 } => "no TTL",
            _ when parsed.TtlMs > LongestTtlMs => "a TTL over a week",
            _ when !PresenceKinds.IsAnnouncement(parsed.Kind) && parsed.Kind != PresenceKinds.Hello => $"unknown kind '{parsed.Kind}'",
            _ => null,
        };
        if (problem is not null)
        {
            return false;
        }

        message = parsed!;
        return true;
    }
}
