using Playbound.Runtime.Streams;

namespace Playbound.Runtime.Tests;

public sealed class RetryBackoffTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(7, 60)]
    [InlineData(1000, 60)]
    public void Delays_double_per_attempt_from_the_base_up_to_the_cap(int attempt, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryBackoff.Exponential(TimeSpan.FromSeconds(1), attempt, TimeSpan.FromMinutes(1)));
}
