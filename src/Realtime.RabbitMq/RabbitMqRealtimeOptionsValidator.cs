using Microsoft.Extensions.Options;

namespace Playbound.Realtime.RabbitMq;

/// <summary>Rejects realtime routing options that could not reach a broker or would flap presence, at startup.</summary>
internal sealed class RabbitMqRealtimeOptionsValidator : IValidateOptions<RabbitMqRealtimeOptions>
{
    private const string Section = RabbitMqRealtimeOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, RabbitMqRealtimeOptions options)
    {
        string[] errors =
        [
            .. Rule(
                System.Uri.TryCreate(options.Uri, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps",
                $"{Section}:Uri must be an amqp:// or amqps:// URI."),
            .. Rule(!string.IsNullOrWhiteSpace(options.Exchange), $"{Section}:Exchange must not be empty."),
            .. Rule(!string.IsNullOrWhiteSpace(options.PresenceExchange), $"{Section}:PresenceExchange must not be empty."),
            .. Rule(options.Exchange != options.PresenceExchange, $"{Section}:Exchange and PresenceExchange must differ."),
            .. Rule(options.PublishQueueCapacity > 0, $"{Section}:PublishQueueCapacity must be positive."),
            .. Rule(options.PresenceSnapshotInterval > TimeSpan.Zero, $"{Section}:PresenceSnapshotInterval must be positive."),
            // One lost snapshot must not take a live node's users offline.
            .. Rule(
                options.PresenceTtl >= 2 * options.PresenceSnapshotInterval,
                $"{Section}:PresenceTtl must be at least twice PresenceSnapshotInterval."),
            .. Rule(options.ReconnectInterval > TimeSpan.Zero, $"{Section}:ReconnectInterval must be positive."),
        ];
        return errors.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static string[] Rule(bool holds, string error) => holds ? [] : [error];
}
