namespace Playbound.Runtime.Streams;

/// <summary>The wait before retrying a failed stream delivery, shared by the in-process and the broker relay.</summary>
public static class RetryBackoff
{
    /// <summary>
    /// <paramref name="baseDelay"/> doubled for each attempt after the first (attempt 1 waits the base delay), at most
    /// <paramref name="maxDelay"/>. The exponent stops growing at 16 so the product cannot overflow.
    /// </summary>
    public static TimeSpan Exponential(TimeSpan baseDelay, int attempt, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var delay = baseDelay * Math.Pow(2, Math.Min(attempt - 1, 16));
        return delay < maxDelay ? delay : maxDelay;
    }
}
