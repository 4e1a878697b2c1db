using System.Text.Json;

namespace Playbound.Realtime.RabbitMq;

/// <summary>The JSON of <see cref="PresenceMessage"/>, shared by the nodes that write it and the silos that read it.</summary>
internal static class PresenceJson
{
    /// <summary>camelCase, as the rest of Playbound's JSON.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
