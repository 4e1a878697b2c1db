using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Orleans.Runtime;

namespace Playbound.Streaming.Kafka;

/// <summary>
/// The provider's wire contract on Kafka: record keys, header names and the format version. Other tools (dead-letter
/// replayers, dashboards) read these names, so they never change meaning.
/// </summary>
internal static class KafkaRecordFormat
{
    /// <summary>The value format the receiver understands: an Orleans-serialized <see cref="KafkaMessageBody"/>.</summary>
    public const string CurrentFormat = "1";

    /// <summary>Header naming the value's format; a record without it or with another value is dead-lettered.</summary>
    public const string FormatHeader = "playbound-format";

    /// <summary>Dead-letter header: the stream the record belongs to, as "namespace/key".</summary>
    public const string StreamIdHeader = "playbound-stream-id";

    /// <summary>Dead-letter header: why the record was given up on.</summary>
    public const string ErrorHeader = "playbound-error";

    /// <summary>Dead-letter header: the topic the record was read from.</summary>
    public const string OriginalTopicHeader = "playbound-original-topic";

    /// <summary>Dead-letter header: the partition the record was read from.</summary>
    public const string OriginalPartitionHeader = "playbound-original-partition";

    /// <summary>Dead-letter header: the record's offset in that partition.</summary>
    public const string OriginalOffsetHeader = "playbound-original-offset";

    /// <summary>Dead-letter header: when it was dead-lettered (ISO 8601, UTC).</summary>
    public const string DeadLetteredAtHeader = "playbound-dead-lettered-at";

    /// <summary>The record key: the stream id as "namespace/key", so a stream's events share a key (and a partition).</summary>
    public static byte[] EncodeStreamId(StreamId streamId) => Encoding.UTF8.GetBytes(streamId.ToString());

    /// <summary>Reads a stream id written by <see cref="EncodeStreamId"/>; false for anything else.</summary>
    public static bool TryDecodeStreamId(byte[]? bytes, out StreamId streamId)
    {
        streamId = default;
        if (bytes is null || bytes.AsSpan().IndexOf((byte)'/') < 0)
        {
            return false;
        }

        streamId = StreamId.Parse(bytes);
        return true;
    }

    public static Headers NewRecordHeaders() => new() { { FormatHeader, Encoding.UTF8.GetBytes(CurrentFormat) } };

    public static string? ReadHeader(Headers? headers, string name) =>
        headers is not null && headers.TryGetLastBytes(name, out var value) ? Encoding.UTF8.GetString(value) : null;

    public static void AddHeader(Headers headers, string name, string value) => headers.Add(name, Encoding.UTF8.GetBytes(value));

    public static void AddHeader(Headers headers, string name, long value) =>
        AddHeader(headers, name, value.ToString(CultureInfo.InvariantCulture));
}
