using Microsoft.Extensions.Options;

namespace Playbound.Streams.RabbitMq;

/// <summary>Rejects stream options that could not reach a broker or could not make progress, at startup.</summary>
internal sealed class RabbitMqStreamOptionsValidator : IValidateOptions<RabbitMqStreamOptions>
{
    private const string Section = RabbitMqStreamOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, RabbitMqStreamOptions options)
    {
        string[] errors =
        [
            .. Rule(
                System.Uri.TryCreate(options.Uri, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps",
                $"{Section}:Uri must be an amqp:// or amqps:// URI."),
            .. Rule(!string.IsNullOrWhiteSpace(options.QueuePrefix), $"{Section}:QueuePrefix must not be empty."),
            .. Rule(options.Partitions is > 0 and <= 1024, $"{Section}:Partitions must be between 1 and 1024."),
            .. Rule(options.Prefetch is > 0 and <= ushort.MaxValue, $"{Section}:Prefetch must be between 1 and 65535."),
            .. Rule(options.BatchSize > 0, $"{Section}:BatchSize must be positive."),
            .. Rule(options.MaxConcurrentStreams > 0, $"{Section}:MaxConcurrentStreams must be positive."),
            .. Rule(options.PoisonRetries >= 0, $"{Section}:PoisonRetries must not be negative."),
            .. Rule(options.PoisonRetryBaseDelay > TimeSpan.Zero, $"{Section}:PoisonRetryBaseDelay must be positive."),
            .. Rule(options.MaxQueueBytes > 0, $"{Section}:MaxQueueBytes must be positive."),
            .. Rule(options.RelayPollInterval > TimeSpan.Zero, $"{Section}:RelayPollInterval must be positive."),
            .. Rule(options.ReconnectInterval > TimeSpan.Zero, $"{Section}:ReconnectInterval must be positive."),
            .. Rule(options.RebalanceInterval > TimeSpan.Zero, $"{Section}:RebalanceInterval must be positive."),
            .. Rule(!string.IsNullOrWhiteSpace(options.ConnectionString), "Cluster streams need ConnectionStrings:Postgres for their checkpoints."),
        ];
        return errors.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static string[] Rule(bool holds, string error) => holds ? [] : [error];
}
