using System.Globalization;
using System.Text;
using Playbound.Runtime.Storage;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Playbound.Streams.RabbitMq;

/// <summary>
/// An outbox event as a stream-queue message: the payload is the body, the event id the message id, and the stream,
/// outbox sequence and write time travel as headers, so the consumer rebuilds the same <see cref="OutboxEntry"/>.
/// </summary>
internal static class StreamMessage
{
    private const string NamespaceHeader = "pb-namespace";
    private const string KeyHeader = "pb-key";
    private const string SequenceHeader = "pb-sequence";
    private const string CreatedAtHeader = "pb-created-at";

    /// <summary>The header a stream queue puts on each delivery: the message's offset in the stream.</summary>
    private const string OffsetHeader = "x-stream-offset";

    public static BasicProperties Properties(OutboxEntry entry) => new()
    {
        Persistent = true,
        MessageId = entry.Event.EventId.ToString("N"),
        Headers = new Dictionary<string, object?>
        {
            [NamespaceHeader] = entry.Event.Namespace,
            [KeyHeader] = entry.Event.Key,
            [SequenceHeader] = entry.Sequence,
            [CreatedAtHeader] = entry.CreatedAt.ToUnixTimeMilliseconds(),
        },
    };

    /// <summary>Rebuilds the entry and reads the offset; throws <see cref="FormatException"/> for a message not written by <see cref="Properties"/>.</summary>
    public static (OutboxEntry Entry, long Offset) Read(BasicDeliverEventArgs delivery)
    {
        var headers = delivery.BasicProperties.Headers ?? throw new FormatException("The message has no headers.");
        var outboxEvent = new OutboxEvent(
            Text(headers, NamespaceHeader),
            Text(headers, KeyHeader),
            Guid.ParseExact(delivery.BasicProperties.MessageId ?? throw new FormatException("The message has no id."), "N"),
            delivery.Body.ToArray());
        var entry = new OutboxEntry(
            Number(headers, SequenceHeader), outboxEvent, DateTimeOffset.FromUnixTimeMilliseconds(Number(headers, CreatedAtHeader)));
        return (entry, OffsetOf(delivery) is var offset and >= 0 ? offset : throw new FormatException("The message has no stream offset."));
    }

    /// <summary>The offset of any delivery from a stream queue, or -1 when the broker did not set one.</summary>
    public static long OffsetOf(BasicDeliverEventArgs delivery) =>
        delivery.BasicProperties.Headers?.TryGetValue(OffsetHeader, out var value) == true && value is long offset ? offset : -1;

    /// <summary>A dead-lettered copy: the original message plus why and where it failed.</summary>
    public static BasicProperties DeadLetter(OutboxEntry entry, StreamPartition partition, long offset, int attempts, Exception error)
    {
        var properties = Properties(entry);
        properties.Headers!["pb-partition"] = partition.ToString();
        properties.Headers["pb-offset"] = offset;
        properties.Headers["pb-attempts"] = attempts;
        properties.Headers["pb-error"] = $"{error.GetType().FullName}: {error.Message}";
        properties.Headers["pb-failed-at"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        return properties;
    }

    // The client hands string headers back as UTF-8 bytes.
    private static string Text(IDictionary<string, object?> headers, string name) => headers.TryGetValue(name, out var value) switch
    {
        true when value is byte[] bytes => Encoding.UTF8.GetString(bytes),
        true when value is string text => text,
        _ => throw new FormatException($"The message has no {name} header."),
    };

    private static long Number(IDictionary<string, object?> headers, string name) => headers.TryGetValue(name, out var value) switch
    {
        true when value is long number => number,
        true when value is int number => number,
        _ => throw new FormatException($"The message has no numeric {name} header."),
    };
}
