using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Playbound.Grains.Realtime;

namespace Playbound.Grains.Tests.Infrastructure;

/// <summary>Stands in for the Api's hub: tests choose who is online and read what was pushed to whom.</summary>
public sealed class RecordingRealtime : IUserPresence, IRealtimePublisher
{
    private readonly ConcurrentDictionary<string, bool> _online = new();

    public ConcurrentQueue<(string UserId, string Method, object Payload)> Pushes { get; } = new();

    public ConcurrentQueue<PostCounts> PostUpdates { get; } = new();

    public int OnlineCount => _online.Count;

    public void SetOnline(params string[] userIds)
    {
        foreach (var userId in userIds)
        {
            _online[userId] = true;
        }
    }

    public bool IsOnline(string userId) => _online.ContainsKey(userId);

    public IReadOnlyCollection<string> OnlineUsers() => [.. _online.Keys];

    public void PushToUsers(IReadOnlyCollection<string> userIds, string method, object payload)
    {
        foreach (var userId in userIds)
        {
            Pushes.Enqueue((userId, method, payload));
        }
    }

    public void PushToPostWatchers(PostCounts counts) => PostUpdates.Enqueue(counts);

    /// <summary>The users who got <paramref name="method"/> with a payload matching <paramref name="match"/>.</summary>
    public string[] Recipients<T>(string method, Func<T, bool> match) =>
        [.. Pushes.Where(p => p.Method == method && p.Payload is T payload && match(payload)).Select(static p => p.UserId).Order()];

    /// <summary>Registers this instance as the host's presence and publisher.</summary>
    public void Register(IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<IUserPresence>(this));
        services.Replace(ServiceDescriptor.Singleton<IRealtimePublisher>(this));
    }
}
