using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Playbound.HubClient;

/// <summary>
/// The fields of one SignalR JSON-protocol message that the client acts on. Spans point into the message bytes, so
/// arguments and results are deserialized straight from the receive buffer without copying.
/// </summary>
internal readonly ref struct HubMessage
{
    public const int Invocation = 1;
    public const int Completion = 3;
    public const int Ping = 6;
    public const int Close = 7;

    /// <summary>The message type; 0 for the handshake response, which has none.</summary>
    public int Type { get; private init; }

    /// <summary>UTF-8 method name of an invocation.</summary>
    public ReadOnlySpan<byte> Target { get; private init; }

    /// <summary>Our numeric invocation id on a completion; 0 when absent or not one of ours.</summary>
    public long InvocationId { get; private init; }

    /// <summary>The JSON array of an invocation's arguments; empty when absent.</summary>
    public ReadOnlySpan<byte> Arguments { get; private init; }

    /// <summary>The JSON value of a completion's result; empty when absent (a void method).</summary>
    public ReadOnlySpan<byte> Result { get; private init; }

    /// <summary>The server's error on a completion, a close or the handshake response.</summary>
    public string? Error { get; private init; }

    public static HubMessage Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new InvalidDataException("A hub message must be a JSON object.");

        int type = 0;
        long invocationId = 0;
        ReadOnlySpan<byte> target = default, arguments = default, result = default;
        string? error = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Compare before reading on: ValueTextEquals looks at the property name the reader stands on.
            var name = Property(ref reader);
            reader.Read();
            switch (name)
            {
                case Field.Type: type = reader.GetInt32(); break;
                case Field.Target: target = Utf8String(ref reader); break;
                case Field.InvocationId: invocationId = ParseId(ref reader); break;
                case Field.Arguments: arguments = RawValue(ref reader, json); break;
                case Field.Result: result = RawValue(ref reader, json); break;
                case Field.Error: error = reader.GetString(); break;
                default: reader.Skip(); break;
            }
        }

        return new HubMessage
        {
            Type = type, Target = target, InvocationId = invocationId, Arguments = arguments, Result = result, Error = error,
        };
    }

    /// <summary>Deserializes the first element of an invocation's argument array.</summary>
    public static T FirstArgument<T>(ReadOnlySpan<byte> arguments, JsonSerializerOptions options)
    {
        var reader = new Utf8JsonReader(arguments);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType == JsonTokenType.EndArray)
            throw new InvalidDataException("The server's invocation carried no argument.");
        return JsonSerializer.Deserialize<T>(ref reader, options)!;
    }

    private enum Field { Other, Type, Target, InvocationId, Arguments, Result, Error }

    private static Field Property(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("type"u8) ? Field.Type
        : reader.ValueTextEquals("target"u8) ? Field.Target
        : reader.ValueTextEquals("invocationId"u8) ? Field.InvocationId
        : reader.ValueTextEquals("arguments"u8) ? Field.Arguments
        : reader.ValueTextEquals("result"u8) ? Field.Result
        : reader.ValueTextEquals("error"u8) ? Field.Error
        : Field.Other;

    private static ReadOnlySpan<byte> Utf8String(scoped ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;

    // Ids the server makes up (client-result invocations) are not numbers; 0 matches no pending call of ours.
    private static long ParseId(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && Utf8Parser.TryParse(reader.ValueSpan, out long id, out var used)
            && used == reader.ValueSpan.Length ? id : 0;

    private static ReadOnlySpan<byte> RawValue(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return json[start..(int)reader.BytesConsumed];
    }
}
