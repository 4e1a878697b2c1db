namespace Playbound.TestKit;

/// <summary>Polls a condition instead of sleeping: tests wait exactly as long as the system needs, up to a deadline.</summary>
public static class Eventually
{
    /// <summary>Polls until <paramref name="condition"/> holds; fails after a deadline generous enough for a loaded CI machine.</summary>
    public static Task TrueAsync(Func<bool> condition, string because, int timeoutSeconds = 30) =>
        TrueAsync(() => Task.FromResult(condition()), because, timeoutSeconds);

    /// <inheritdoc cref="TrueAsync(Func{bool}, string, int)"/>
    public static async Task TrueAsync(Func<Task<bool>> condition, string because, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeoutSeconds}s waiting until {because}.");
            }

            await Task.Delay(20);
        }
    }
}
