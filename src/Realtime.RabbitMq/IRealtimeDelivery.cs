using System.Text.Json;

namespace Playbound.Realtime.RabbitMq;

/// <summary>
/// Where an Api node hands the pushes it receives: its hub. The payload is the JSON a silo serialized, forwarded
/// as is, so the node needs no domain types and clients see the shape they see in embedded mode. Fire-and-forget,
/// like <c>IRealtimePublisher</c>: a slow socket must not hold up the node's other pushes.
/// </summary>
public interface IRealtimeDelivery
{
    /// <summary>Calls <paramref name="method"/>(<paramref name="payload"/>) on every local connection of the user.</summary>
    void DeliverToUser(string userId, string method, JsonElement payload);

    /// <summary>Calls <paramref name="method"/>(<paramref name="payload"/>) on every local connection watching the post.</summary>
    void DeliverToPostWatchers(string postId, string method, JsonElement payload);
}
