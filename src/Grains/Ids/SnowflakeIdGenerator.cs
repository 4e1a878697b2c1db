using Microsoft.Extensions.Options;

namespace Playbound.Grains.Ids;

/// <summary>
/// Snowflake ids: 41 bits of milliseconds since <see cref="SnowflakeId.Epoch"/>, 10 bits of node id, 12 bits of
/// sequence. Ids of one node strictly increase, even when many threads ask at once or the clock steps back: within a
/// millisecond the sequence counts up, and when it runs out or the clock is behind the last id, the generator borrows
/// the next millisecond instead of waiting.
/// </summary>
public sealed class SnowflakeIdGenerator : IIdGenerator
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly long _node;
    private long _lastMilliseconds = -1;
    private long _sequence;

    /// <summary>Creates the generator for the node configured in <c>Playbound:NodeId</c>.</summary>
    public SnowflakeIdGenerator(IOptions<IdGeneratorOptions> options, TimeProvider time)
    {
        _time = time;
        _node = options.Value.NodeId;
        if (_node is < 0 or > SnowflakeId.MaxNodeId)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _node, $"The node id must be 0..{SnowflakeId.MaxNodeId}.");
        }
    }

    /// <inheritdoc />
    public string NewId() => NextValue().ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The next id as a number.</summary>
    public long NextValue()
    {
        var now = Math.Max(0, (long)(_time.GetUtcNow() - SnowflakeId.Epoch).TotalMilliseconds);
        lock (_lock)
        {
            if (now > _lastMilliseconds)
            {
                _lastMilliseconds = now;
                _sequence = 0;
            }
            else if (++_sequence > SnowflakeId.MaxSequence)
            {
                _lastMilliseconds++;
                _sequence = 0;
            }

            return SnowflakeId.Compose(_lastMilliseconds, _node, _sequence);
        }
    }
}

/// <summary>Where <see cref="SnowflakeIdGenerator"/> gets its node id: <c>Playbound:NodeId</c>.</summary>
public sealed class IdGeneratorOptions
{
    /// <summary>The configuration section bound to these options (the <c>NodeId</c> key under it).</summary>
    public const string SectionName = "Playbound";

    /// <summary>This process's node id, 0..1023, unique among the silos of a cluster. Default 0.</summary>
    public int NodeId { get; set; }
}

/// <summary>Rejects a node id that does not fit in 10 bits, at startup.</summary>
internal sealed class IdGeneratorOptionsValidator : IValidateOptions<IdGeneratorOptions>
{
    public ValidateOptionsResult Validate(string? name, IdGeneratorOptions options) =>
        options.NodeId is >= 0 and <= SnowflakeId.MaxNodeId
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Playbound:NodeId is {options.NodeId}; it must be 0..{SnowflakeId.MaxNodeId}.");
}
