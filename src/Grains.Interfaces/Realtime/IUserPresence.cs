namespace Playbound.Grains.Realtime;

/// <summary>
/// Which users hold a realtime connection right now. Producers ask before pushing, so a post to a million followers
/// costs a push only for the ones who are online.
/// </summary>
public interface IUserPresence
{
    /// <summary>How many distinct users are connected.</summary>
    int OnlineCount { get; }

    /// <summary>Whether <paramref name="userId"/> has at least one connection.</summary>
    bool IsOnline(string userId);

    /// <summary>A snapshot of the connected users' ids.</summary>
    IReadOnlyCollection<string> OnlineUsers();
}
