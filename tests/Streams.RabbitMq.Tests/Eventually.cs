namespace Playbound.Streams.RabbitMq.Tests;

internal static class Eventually
{
    /// <summary>Polls until <paramref name="condition"/> holds; fails after a deadline generous enough for a loaded CI machine.</summary>
    public static async Task TrueAsync(Func<bool> condition, string because, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {timeoutSeconds}s waiting until {because}.");
            await Task.Delay(20);
        }
    }
}
