namespace Playbound.Grains;

/// <summary>Times as the social stores keep them: whole microseconds (PostgreSQL's precision), so what a grain returns equals what is read back later.</summary>
internal static class StoredTime
{
    /// <summary>The current time, truncated to whole microseconds.</summary>
    public static DateTimeOffset GetStoredUtcNow(this TimeProvider time)
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMicrosecond));
    }
}
