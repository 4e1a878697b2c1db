using Microsoft.Extensions.Options;

namespace Playbound.Realtime.Presence;

/// <summary>Rejects presence options that would lose announcements or flap users offline, at startup.</summary>
internal sealed class RedisPresenceOptionsValidator : IValidateOptions<RedisPresenceOptions>
{
    // PeriodicTimer refuses periods beyond about 49 days; anything near that is a typo anyway.
    private static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RedisPresenceOptions options)
    {
        string[] errors =
        [
            .. Rule(!string.IsNullOrWhiteSpace(options.Channel), "RedisPresenceOptions.Channel must not be empty."),
            .. Rule(
                options.SnapshotInterval > TimeSpan.Zero && options.SnapshotInterval <= Longest,
                "RedisPresenceOptions.SnapshotInterval must be positive and at most a day."),
            // One lost snapshot (a Redis blip, a GC pause) must not take a live node's users offline.
            .. Rule(
                options.Ttl >= 2 * options.SnapshotInterval,
                "RedisPresenceOptions.Ttl must be at least twice SnapshotInterval."),
            .. Rule(options.Ttl <= 2 * Longest, "RedisPresenceOptions.Ttl must be at most two days."),
        ];
        return errors.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static string[] Rule(bool holds, string error) => holds ? [] : [error];
}
