using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Playbound.Runtime.Serialization;

/// <summary>
/// The one serializer of the runtime: grain state, stream events, and call arguments and results when a call
/// crosses a process boundary (or when <see cref="Hosting.MessagingOptions.SerializeLocalCalls"/> is on).
/// JSON with web defaults: records round-trip without attributes.
/// </summary>
public sealed class GrainSerializer
{
    /// <summary>The options used for every payload.</summary>
    public JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>Serializes <paramref name="value"/> as its declared type.</summary>
    /// <exception cref="GrainSerializationException">The type cannot be serialized.</exception>
    public byte[] Serialize<T>(T value) => Serialize(value, typeof(T));

    /// <summary>Serializes <paramref name="value"/> as <paramref name="type"/>.</summary>
    /// <exception cref="GrainSerializationException">The type cannot be serialized.</exception>
    public byte[] Serialize(object? value, Type type)
    {
        try
        {
            return JsonSerializer.SerializeToUtf8Bytes(value, type, Options);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException or ArgumentException)
        {
            throw new GrainSerializationException($"Cannot serialize a value of type {type}: {ex.Message}", ex);
        }
    }

    /// <summary>Deserializes a <typeparamref name="T"/>.</summary>
    /// <exception cref="GrainSerializationException">The payload does not fit the type.</exception>
    public T Deserialize<T>(ReadOnlySpan<byte> payload) => (T)Deserialize(payload, typeof(T))!;

    /// <summary>Deserializes a value of <paramref name="type"/>.</summary>
    /// <exception cref="GrainSerializationException">The payload does not fit the type.</exception>
    public object? Deserialize(ReadOnlySpan<byte> payload, Type type)
    {
        try
        {
            return JsonSerializer.Deserialize(payload, type, Options);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException or ArgumentException)
        {
            throw new GrainSerializationException($"Cannot deserialize a value of type {type}: {ex.Message}", ex);
        }
    }

    /// <summary>Deserializes a <typeparamref name="T"/> from a payload that may span several buffers (a network frame).</summary>
    /// <exception cref="GrainSerializationException">The payload does not fit the type.</exception>
    public T Deserialize<T>(ReadOnlySequence<byte> payload) => (T)Deserialize(payload, typeof(T))!;

    /// <summary>Deserializes a value of <paramref name="type"/> from a payload that may span several buffers.</summary>
    /// <exception cref="GrainSerializationException">The payload does not fit the type.</exception>
    public object? Deserialize(ReadOnlySequence<byte> payload, Type type)
    {
        if (payload.IsSingleSegment)
        {
            return Deserialize(payload.FirstSpan, type);
        }

        try
        {
            var reader = new Utf8JsonReader(payload);
            return JsonSerializer.Deserialize(ref reader, type, Options);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException or ArgumentException)
        {
            throw new GrainSerializationException($"Cannot deserialize a value of type {type}: {ex.Message}", ex);
        }
    }

    /// <summary>Round-trips <paramref name="value"/> through bytes: a deep copy that proves the value can cross a process boundary.</summary>
    public T Copy<T>(T value) => Deserialize<T>(Serialize(value));
}
