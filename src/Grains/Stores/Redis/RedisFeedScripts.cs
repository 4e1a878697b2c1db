namespace Playbound.Grains.Stores.Redis;

/// <summary>The Lua scripts that change feeds (<see cref="RedisFeedKeys"/>): each runs on many feeds in one round trip, atomically per feed.</summary>
internal static class RedisFeedScripts
{
    /// <summary>
    /// KEYS: feed and via-hash pairs; ARGV[1]: the most entries a feed keeps; ARGV[2..]: posts' own members to add to
    /// each feed, unless the feed holds that post through a repost still in it.
    /// </summary>
    public const string Add = """
        local keep = tonumber(ARGV[1])
        for i = 1, #KEYS, 2 do
          local feed, via = KEYS[i], KEYS[i + 1]
          for j = 2, #ARGV do
            local present = redis.call('HGET', via, string.sub(ARGV[j], 1, 19))
            if not present or not redis.call('ZSCORE', feed, present) then
              redis.call('ZADD', feed, 0, ARGV[j])
            end
          end
          if redis.call('ZCARD', feed) > keep then
            redis.call('ZREMRANGEBYRANK', feed, 0, -keep - 1)
          end
        end
        return #KEYS / 2
        """;

    /// <summary>KEYS: feeds; ARGV[1]: the member to remove from each.</summary>
    public const string Remove = """
        for _, key in ipairs(KEYS) do
          redis.call('ZREM', key, ARGV[1])
        end
        return #KEYS
        """;

    /// <summary>
    /// KEYS: feed and via-hash pairs; ARGV[1]: the most entries a feed keeps, ARGV[2]: the post's own member,
    /// ARGV[3]: the post id (19 digits, as members start), ARGV[4]: the repost's member. Adds the repost to each feed that holds the post neither from
    /// its author nor through a repost still in the feed (a trimmed one's hash field is stale and is replaced).
    /// </summary>
    public const string AddRepost = """
        local keep = tonumber(ARGV[1])
        for i = 1, #KEYS, 2 do
          local feed, via = KEYS[i], KEYS[i + 1]
          if not redis.call('ZSCORE', feed, ARGV[2]) then
            local present = redis.call('HGET', via, ARGV[3])
            if not present or not redis.call('ZSCORE', feed, present) then
              redis.call('HSET', via, ARGV[3], ARGV[4])
              redis.call('ZADD', feed, 0, ARGV[4])
              if redis.call('ZCARD', feed) > keep then
                redis.call('ZREMRANGEBYRANK', feed, 0, -keep - 1)
              end
            end
          end
        end
        return #KEYS / 2
        """;

    /// <summary>
    /// KEYS: feed and via-hash pairs; ARGV[1]: the post id (19 digits); ARGV[2]: ":{reposter id}" to remove only that user's
    /// repost, or empty for any. Removes the post from each feed that has it through such a repost.
    /// </summary>
    public const string RemoveRepost = """
        for i = 1, #KEYS, 2 do
          local present = redis.call('HGET', KEYS[i + 1], ARGV[1])
          if present and (ARGV[2] == '' or string.sub(present, -#ARGV[2]) == ARGV[2]) then
            redis.call('ZREM', KEYS[i], present)
            redis.call('HDEL', KEYS[i + 1], ARGV[1])
          end
        end
        return #KEYS / 2
        """;
}
