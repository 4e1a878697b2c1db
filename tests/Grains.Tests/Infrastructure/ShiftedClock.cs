namespace Playbound.Grains.Tests.Infrastructure;

/// <summary>The system clock moved by an offset the test sets: expiry can be tested while timers run in real time.</summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
